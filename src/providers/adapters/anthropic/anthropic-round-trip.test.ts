import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../../../core/canonical.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { anthropicCodec } from '../../../formats/anthropic/index.js';
import { splitSse } from './__fixtures__/split-sse.js';
import { anthropicAdapter } from './index.js';

/**
 * The adapter (canonical → Anthropic wire) and the codec (Anthropic wire → canonical) are mirror images:
 * whatever one writes, the other must read back unchanged.
 */

const request: CanonicalRequest = {
  model: 'claude-sonnet-4-5',
  messages: [
    {
      role: 'system',
      content: [
        { type: 'text', text: 'You are a coding agent.', cacheControl: { type: 'ephemeral' } },
        { type: 'text', text: 'Repository: sum-lib' },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        {
          type: 'image',
          source: { kind: 'url', url: 'https://example.com/diagram.png' },
          cacheControl: { type: 'ephemeral', ttl: '1h' },
        },
        {
          type: 'file',
          source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
          filename: 'spec.pdf',
        },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' } },
        { type: 'text', text: 'Fix the failing test.' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Read the test first.', signature: 'EqQBCgIYAhIM' },
        { type: 'redacted-reasoning', data: 'EmwKAhgB' },
        { type: 'text', text: 'Reading both files.' },
        { type: 'tool-call', id: 'toolu_01', name: 'Read', arguments: '{"file_path":"/src/sum.ts"}' },
        { type: 'tool-call', id: 'toolu_02', name: 'Read', arguments: '{"file_path":"/src/sum.test.ts"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_01',
          toolName: 'Read',
          content: [{ type: 'text', text: 'return a - b;' }],
        },
        {
          type: 'tool-result',
          toolCallId: 'toolu_02',
          toolName: 'Read',
          content: [
            { type: 'text', text: 'ENOENT' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } },
          ],
          isError: true,
          cacheControl: { type: 'ephemeral' },
        },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'Go on.' }] },
  ],
  tools: [
    {
      name: 'Read',
      description: 'Reads a file.',
      inputSchema: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] },
      cacheControl: { type: 'ephemeral' },
    },
  ],
  toolChoice: { type: 'auto' },
  parallelToolCalls: false,
  maxOutputTokens: 16000,
  temperature: 1,
  topP: 0.97,
  stopSequences: ['END'],
  responseFormat: {
    type: 'json',
    schema: {
      type: 'object',
      properties: { done: { type: 'boolean' } },
      required: ['done'],
      additionalProperties: false,
    },
  },
  reasoning: { enabled: true, budgetTokens: 4000 },
  stream: true,
  user: 'user-7',
};

describe('anthropic round trips', () => {
  it('canonical request → adapter → codec gives the same request back', () => {
    const built = anthropicAdapter.buildRequest(request);
    expect(built.warnings).toEqual([]);
    const parsed = anthropicCodec.parseRequest(built.value.body);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value).toEqual(request);
  });

  it('a Claude Code request survives codec → adapter unchanged', () => {
    const body = JSON.parse(
      readFileSync(
        new URL('../../../formats/anthropic/__fixtures__/claude-code-request.json', import.meta.url),
        'utf8',
      ),
    );
    const built = anthropicAdapter.buildRequest(anthropicCodec.parseRequest(body).value);
    expect(built.warnings).toEqual([]);
    // The one normalisation: a tool_result holding a single text block is sent as the equivalent string.
    body.messages[2].content[1].content = 'FAIL src/sum.test.ts > adds\nAssertionError: expected -1 to be 5';
    expect(built.value.body).toEqual(body);
  });

  it('canonical response → codec → adapter gives the same response back', () => {
    const response: CanonicalResponse = {
      id: 'msg_01RoundTrip',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'reasoning', text: 'Two calls.', signature: 'sig==' },
        { type: 'redacted-reasoning', data: 'opaque' },
        { type: 'text', text: 'Calling tools.' },
        { type: 'tool-call', id: 'toolu_a', name: 'f', arguments: '{"x":1}' },
        { type: 'tool-call', id: 'toolu_b', name: 'g', arguments: '{}' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 1200, outputTokens: 80, cachedInputTokens: 1000, cacheWriteTokens: 100 },
    };
    const wire = anthropicCodec.renderResponse(response, { model: 'claude-sonnet-4-5', created: 1, id: 'unused' });
    expect(anthropicAdapter.parseResponse(JSON.parse(JSON.stringify(wire)))).toEqual(response);
  });

  it('stream parts → encoder → SSE events → decoder gives the same parts back', () => {
    const parts: StreamPart[] = [
      { type: 'start', id: 'msg_stream_1', model: 'claude-sonnet-4-5' },
      { type: 'reasoning-delta', text: 'Think ' },
      { type: 'reasoning-delta', text: 'twice.' },
      { type: 'reasoning-signature', signature: 'EqQBsig' },
      { type: 'redacted-reasoning', data: 'opaque' },
      { type: 'text-delta', text: 'Calling.' },
      { type: 'tool-input-start', id: 'toolu_a', name: 'f', index: 0 },
      { type: 'tool-input-delta', id: 'toolu_a', delta: '{"x":' },
      { type: 'tool-input-delta', id: 'toolu_a', delta: '1}' },
      { type: 'tool-input-end', id: 'toolu_a' },
      { type: 'tool-input-start', id: 'toolu_b', name: 'g', index: 1 },
      { type: 'tool-input-delta', id: 'toolu_b', delta: '{}' },
      { type: 'tool-input-end', id: 'toolu_b' },
      { type: 'usage', usage: { inputTokens: 1200, outputTokens: 80, cachedInputTokens: 1000, cacheWriteTokens: 100 } },
      { type: 'finish', reason: 'tool-calls' },
    ];
    const encoder = anthropicCodec.createStreamEncoder({ model: 'claude-sonnet-4-5', created: 1, id: 'unused' });
    const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    const decoder = anthropicAdapter.createStreamDecoder();
    const decoded = [...splitSse(text).flatMap((event) => decoder.decode(event)), ...decoder.end()];
    expect(decoded).toEqual(parts);
  });
});
