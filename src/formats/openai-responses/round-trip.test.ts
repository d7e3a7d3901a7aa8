import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse, FinishReason } from '../../core/canonical.js';
import type { StreamPart } from '../../core/stream-parts.js';
import { mergeDeltas } from '../../providers/adapters/openai-responses/__fixtures__/merge-deltas.js';
import { openaiResponsesAdapter } from '../../providers/adapters/openai-responses/index.js';
import { splitSseFrames } from './__fixtures__/read-fixture.js';
import { openaiResponsesCodec } from './index.js';

const encrypted = 'gAAAAABoybKiZmluYWxfZW5jcnlwdGVkX3JlYXNvbmluZw==';

const request: CanonicalRequest = {
  model: 'gpt-5',
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'You are a weather assistant.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris and Tokyo? See the map and notes.' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'low' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/map.jpg' } },
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'n.pdf' },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/paper.pdf' }, filename: 'paper.pdf' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two cities.', signature: encrypted },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_paris',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C' }],
        },
        {
          type: 'tool-result',
          toolCallId: 'call_tokyo',
          toolName: 'get_weather',
          content: [
            { type: 'text', text: '24°C' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/radar.png' } },
          ],
        },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'redacted-reasoning', data: encrypted },
        { type: 'text', text: 'Done.' },
      ],
    },
    { role: 'system', content: [{ type: 'text', text: 'Answer in JSON now.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Summarize.' }] },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      strict: false,
    },
  ],
  toolChoice: { type: 'tool', name: 'get_weather' },
  parallelToolCalls: false,
  maxOutputTokens: 2048,
  temperature: 0.4,
  topP: 0.9,
  responseFormat: { type: 'json', name: 'summary', schema: { type: 'object' }, strict: true },
  reasoning: { effort: 'medium' },
  stream: true,
  user: 'user-42',
};

describe('openai-responses round trips (adapter ⇄ codec)', () => {
  it('canonical request → adapter wire request → codec parse gives the same request', () => {
    const built = openaiResponsesAdapter.buildRequest(request);
    expect(built.warnings).toEqual([]);
    const parsed = openaiResponsesCodec.parseRequest(built.value.body);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value).toEqual(request);
  });

  const reasons: Array<[FinishReason, boolean]> = [
    ['stop', false],
    ['tool-calls', true],
    ['length', false],
    ['content-filter', false],
  ];
  it.each(reasons)('canonical response (%s) → codec render → adapter parse gives it back', (finishReason, tools) => {
    const response: CanonicalResponse = {
      id: 'resp_0a1b2c',
      model: 'gpt-5',
      created: 1758050000,
      content: [
        { type: 'reasoning', text: 'Thinking it over.', signature: encrypted },
        { type: 'redacted-reasoning', data: encrypted },
        { type: 'text', text: 'Here ' },
        { type: 'text', text: 'you go.' },
        ...(tools
          ? [{ type: 'tool-call' as const, id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }]
          : []),
      ],
      finishReason,
      usage: { inputTokens: 900, outputTokens: 120, cachedInputTokens: 512, cacheWriteTokens: 64, reasoningTokens: 80 },
    };
    const rendered = openaiResponsesCodec.renderResponse(response, { model: 'gpt-5', created: 1, id: 'unused' });
    expect(openaiResponsesAdapter.parseResponse(rendered)).toEqual(response);
  });

  it('stream parts → encoder frames → decoder gives the same parts', () => {
    const parts: StreamPart[] = [
      { type: 'start', id: 'resp_0a1b2c', model: 'gpt-5' },
      { type: 'reasoning-delta', text: 'Two ' },
      { type: 'reasoning-delta', text: 'cities.' },
      { type: 'reasoning-signature', signature: encrypted },
      { type: 'redacted-reasoning', data: encrypted },
      { type: 'text-delta', text: 'Check' },
      { type: 'text-delta', text: 'ing.' },
      { type: 'tool-input-start', id: 'call_paris', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'call_paris', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_paris', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_paris' },
      { type: 'tool-input-start', id: 'call_tokyo', name: 'get_weather', index: 1 },
      { type: 'tool-input-delta', id: 'call_tokyo', delta: '{"city":"Tokyo"}' },
      { type: 'tool-input-end', id: 'call_tokyo' },
      {
        type: 'usage',
        usage: {
          inputTokens: 900,
          outputTokens: 120,
          cachedInputTokens: 512,
          cacheWriteTokens: 0,
          reasoningTokens: 80,
        },
      },
      { type: 'finish', reason: 'tool-calls' },
    ];
    const encoder = openaiResponsesCodec.createStreamEncoder({ model: 'gpt-5', created: 1, id: 'unused' });
    const sse = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    const decoder = openaiResponsesAdapter.createStreamDecoder();
    const decoded = [...splitSseFrames(sse).flatMap((event) => decoder.decode(event)), ...decoder.end()];
    expect(mergeDeltas(decoded)).toEqual(mergeDeltas(parts));
  });

  it('an upstream stream decoded and re-encoded still reads the same through the decoder', () => {
    const parts: StreamPart[] = [
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', kind: 'upstream', message: 'Upstream closed the connection' },
    ];
    const encoder = openaiResponsesCodec.createStreamEncoder({ model: 'gpt-5', created: 1, id: 'resp_cut' });
    const sse = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    const decoder = openaiResponsesAdapter.createStreamDecoder();
    const decoded = [...splitSseFrames(sse).flatMap((event) => decoder.decode(event)), ...decoder.end()];
    expect(decoded).toEqual([
      { type: 'start', id: 'resp_cut', model: 'gpt-5' },
      { type: 'text-delta', text: 'Partial' },
      { type: 'error', kind: 'upstream', message: 'Upstream closed the connection' },
    ]);
  });
});
