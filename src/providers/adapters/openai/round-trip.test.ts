import { describe, expect, test } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../../../core/canonical.js';
import type { StreamPart } from '../../../core/stream-parts.js';
// Tests only: the codec is the other half of the round trip (production code never crosses formats/providers).
import { createOpenaiStreamEncoder, openaiCodec } from '../../../formats/openai/index.js';
import { splitSseEvents } from './__fixtures__/read-sse-fixture.js';
import { openaiAdapter } from './index.js';

const context = { model: 'gpt-4.1', created: 1751900000, id: 'req_rt' };

describe('round trips through the OpenAI wire format', () => {
  test('canonical request → adapter wire request → codec parse', () => {
    const request: CanonicalRequest = {
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in the image, and the weather there?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'low' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/street.jpg' } },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
              filename: 'doc.pdf',
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Need the weather.' },
            { type: 'text', text: 'Looking it up.' },
            { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Lyon"}' },
            { type: 'tool-call', id: 'call_2', name: 'time', arguments: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_1',
              toolName: 'weather',
              content: [{ type: 'text', text: 'Sunny' }],
            },
            { type: 'tool-result', toolCallId: 'call_2', toolName: 'time', content: [{ type: 'text', text: '09:00' }] },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Sunny in Lyon at 09:00.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Thanks.' }] },
      ],
      tools: [
        {
          name: 'weather',
          description: 'Weather by city',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
          strict: true,
        },
        { name: 'time', inputSchema: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'required' },
      parallelToolCalls: true,
      maxOutputTokens: 2048,
      temperature: 0.5,
      topP: 0.95,
      seed: 1,
      stopSequences: ['###', 'END'],
      frequencyPenalty: 0.2,
      presencePenalty: 0.1,
      responseFormat: {
        type: 'json',
        schema: { type: 'object' },
        name: 'out',
        description: 'The answer',
        strict: false,
      },
      reasoning: { effort: 'low' },
      stream: true,
      user: 'end-user-9',
    };
    const wire = openaiAdapter.buildRequest(request);
    expect(wire.warnings).toEqual([]);
    const parsed = openaiCodec.parseRequest(JSON.parse(JSON.stringify(wire.value.body)));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value).toEqual(request);
  });

  test('canonical response → codec render → adapter parse', () => {
    const response: CanonicalResponse = {
      id: 'chatcmpl-rt1',
      model: 'gpt-4.1',
      created: 1751900000,
      content: [
        { type: 'reasoning', text: 'Think first.' },
        { type: 'text', text: 'Calling tools.' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Lyon"}' },
        { type: 'tool-call', id: 'call_2', name: 'time', arguments: '{}' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 900, outputTokens: 120, cachedInputTokens: 512, cacheWriteTokens: 64, reasoningTokens: 40 },
    };
    const wire = JSON.parse(JSON.stringify(openaiCodec.renderResponse(response, context)));
    expect(openaiAdapter.parseResponse(wire)).toEqual(response);
  });

  test.each([false, true])(
    'stream parts → encoder frames → decoder (separate usage chunk: %s)',
    (includeUsageChunk) => {
      const parts: StreamPart[] = [
        { type: 'start', id: 'chatcmpl-rt2', model: 'gpt-4.1' },
        { type: 'reasoning-delta', text: 'Plan: ' },
        { type: 'reasoning-delta', text: 'call weather.' },
        { type: 'text-delta', text: 'On it' },
        { type: 'text-delta', text: '.' },
        { type: 'tool-input-start', id: 'call_1', name: 'weather', index: 0 },
        { type: 'tool-input-delta', id: 'call_1', delta: '{"city":' },
        { type: 'tool-input-delta', id: 'call_1', delta: '"Lyon"}' },
        { type: 'tool-input-end', id: 'call_1' },
        { type: 'tool-input-start', id: 'call_2', name: 'time', index: 1 },
        { type: 'tool-input-delta', id: 'call_2', delta: '{}' },
        { type: 'tool-input-end', id: 'call_2' },
        { type: 'usage', usage: { inputTokens: 50, outputTokens: 20, cachedInputTokens: 10, reasoningTokens: 5 } },
        { type: 'finish', reason: 'tool-calls' },
      ];
      const encoder = createOpenaiStreamEncoder(context, { includeUsageChunk });
      const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
      const decoder = openaiAdapter.createStreamDecoder();
      const decoded = [...splitSseEvents(text).flatMap((event) => decoder.decode(event)), ...decoder.end()];
      // The decoder closes every call when the finish arrives, so both ends come before usage and finish.
      const reordered = [
        ...parts.filter((part) => part.type !== 'tool-input-end' && part.type !== 'usage' && part.type !== 'finish'),
        { type: 'tool-input-end', id: 'call_1' },
        { type: 'tool-input-end', id: 'call_2' },
        ...parts.filter((part) => part.type === 'usage' || part.type === 'finish'),
      ];
      expect(decoded).toEqual(reordered);
    },
  );
});
