import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../../../core/canonical.js';
import type { StreamPart } from '../../../core/stream-parts.js';
// Tests may cross the formats/providers boundary: the round trip is exactly what they check.
import { ollamaCodec } from '../../../formats/ollama/index.js';
import { ollamaAdapter } from './index.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const context = { model: 'qwen3:8b', created: 1_750_000_000, id: 'resp_1' };

describe('ollama round trips', () => {
  it('canonical request → adapter wire → codec parse gives the request back', () => {
    const request: CanonicalRequest = {
      model: 'qwen3:8b',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in the picture, and the weather?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: png } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Two lookups.' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', id: 'call_0', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { type: 'tool-call', id: 'call_1', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_0',
              toolName: 'get_weather',
              content: [{ type: 'text', text: 'sunny' }],
            },
            {
              type: 'tool-result',
              toolCallId: 'call_1',
              toolName: 'get_time',
              content: [{ type: 'text', text: '14:05' }],
            },
          ],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
        { name: 'get_time', inputSchema: { type: 'object', properties: { tz: { type: 'string' } } } },
      ],
      maxOutputTokens: 300,
      temperature: 0.3,
      topP: 0.8,
      topK: 30,
      seed: 1,
      stopSequences: ['###'],
      frequencyPenalty: 0.1,
      presencePenalty: 0.2,
      responseFormat: { type: 'json', schema: { type: 'object' } },
      reasoning: { enabled: true, effort: 'low' },
      stream: true,
    };
    const wire = ollamaAdapter.buildRequest(request);
    expect(wire.warnings).toEqual([]);
    const parsed = ollamaCodec.parseRequest(JSON.parse(JSON.stringify(wire.value.body)));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value).toEqual(request);
  });

  it('canonical response → codec render → adapter parse gives the response back', () => {
    const response: CanonicalResponse = {
      id: 'ignored',
      model: 'qwen3:8b',
      content: [
        { type: 'reasoning', text: 'Use the tool.' },
        { type: 'text', text: 'One moment.' },
        { type: 'tool-call', id: 'x', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 50, outputTokens: 12 },
      created: context.created,
    };
    const wire = JSON.parse(JSON.stringify(ollamaCodec.renderResponse(response, context)));
    const parsed = ollamaAdapter.parseResponse(wire);
    const callIds = parsed.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
    expect(parsed).toEqual({
      ...response,
      id: parsed.id,
      content: response.content.map((part) => (part.type === 'tool-call' ? { ...part, id: callIds[0] } : part)),
    });
  });

  it('stream parts → encoder lines → decoder gives equivalent parts', () => {
    const parts: StreamPart[] = [
      { type: 'start', model: 'qwen3:8b' },
      { type: 'reasoning-delta', text: 'Hmm, ' },
      { type: 'reasoning-delta', text: 'weather.' },
      { type: 'text-delta', text: 'Let me ' },
      { type: 'text-delta', text: 'check.' },
      { type: 'tool-input-start', id: 'a', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'a', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'a', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'a' },
      { type: 'tool-input-start', id: 'b', name: 'get_time', index: 1 },
      { type: 'tool-input-delta', id: 'b', delta: '{}' },
      { type: 'tool-input-end', id: 'b' },
      { type: 'usage', usage: { inputTokens: 40, outputTokens: 9 } },
      { type: 'finish', reason: 'tool-calls' },
    ];
    const encoder = ollamaCodec.createStreamEncoder(context);
    const output = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    const decoder = ollamaAdapter.createStreamDecoder();
    const events = output.split('\n').filter((line) => line !== '');
    const decoded = [...events.flatMap((data) => decoder.decode({ data })), ...decoder.end()];
    const ids = decoded.flatMap((part) => (part.type === 'tool-input-start' ? [part.id] : []));
    const rename = (id: string): string => (id === 'a' ? (ids[0] ?? '') : (ids[1] ?? ''));
    // Whole calls: the decoder's single delta equals the joined encoder deltas.
    expect(decoded).toEqual([
      { type: 'start', model: 'qwen3:8b' },
      { type: 'reasoning-delta', text: 'Hmm, ' },
      { type: 'reasoning-delta', text: 'weather.' },
      { type: 'text-delta', text: 'Let me ' },
      { type: 'text-delta', text: 'check.' },
      { type: 'tool-input-start', id: rename('a'), name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: rename('a'), delta: '{"city":"Paris"}' },
      { type: 'tool-input-end', id: rename('a') },
      { type: 'tool-input-start', id: rename('b'), name: 'get_time', index: 1 },
      { type: 'tool-input-delta', id: rename('b'), delta: '{}' },
      { type: 'tool-input-end', id: rename('b') },
      { type: 'usage', usage: { inputTokens: 40, outputTokens: 9 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('an in-stream error survives the round trip', () => {
    const encoder = ollamaCodec.createStreamEncoder(context);
    const output =
      encoder.encode({ type: 'text-delta', text: 'x' }) +
      encoder.encode({ type: 'error', kind: 'timeout', message: 'upstream timed out' }) +
      encoder.end();
    const decoder = ollamaAdapter.createStreamDecoder();
    const decoded = output
      .split('\n')
      .filter((line) => line !== '')
      .flatMap((data) => decoder.decode({ data }));
    expect(decoded.at(-1)).toEqual({ type: 'error', kind: 'upstream', message: 'upstream timed out' });
  });
});
