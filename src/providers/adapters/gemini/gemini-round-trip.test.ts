import { describe, expect, it } from 'vitest';
import type { CanonicalMessage, CanonicalRequest, CanonicalResponse } from '../../../core/canonical.js';
import type { WireEvent } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { geminiCodec } from '../../../formats/gemini/index.js';
import { geminiAdapter } from './index.js';

/**
 * The adapter (canonical → Gemini upstream) and the codec (Gemini client → canonical) are mirror images:
 * going through both must give the canonical value back.
 */

const request: CanonicalRequest = {
  model: 'gemini-2.5-pro',
  stream: true,
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'You help with travel.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Where is this, and what is the weather there?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/map.png', mediaType: 'image/png' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'It looks like Paris.', signature: 'c2lnLXJlYXNvbg==' },
        { type: 'text', text: 'That is the Eiffel Tower. Checking the weather.' },
        {
          type: 'tool-call',
          id: 'toolu_01',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          signature: 'c2lnLWNhbGw=',
        },
        { type: 'tool-call', id: 'toolu_02', name: 'get_forecast', arguments: '{"city":"Paris","days":2}' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_01',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '21°C, clear' }],
        },
        {
          type: 'tool-result',
          toolCallId: 'toolu_02',
          toolName: 'get_forecast',
          content: [{ type: 'text', text: 'service down' }],
          isError: true,
        },
      ],
    },
    {
      role: 'assistant',
      content: [{ type: 'text', text: 'It is 21°C and clear in Paris.' }],
    },
    { role: 'user', content: [{ type: 'text', text: 'Great, answer as JSON next time.' }] },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather',
      inputSchema: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f'] } },
        required: ['city'],
      },
    },
    {
      name: 'get_forecast',
      inputSchema: {
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      },
    },
  ],
  toolChoice: { type: 'required' },
  maxOutputTokens: 4096,
  temperature: 0.3,
  topP: 0.8,
  topK: 32,
  seed: 42,
  stopSequences: ['###'],
  presencePenalty: 0.5,
  frequencyPenalty: 0.25,
  responseFormat: {
    type: 'json',
    schema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
  },
  reasoning: { enabled: true, budgetTokens: 8192, effort: 'medium' },
};

/** Tool call ids are not sent to Gemini, so the codec makes new ones: map them back in order of appearance. */
function withOriginalIds(messages: CanonicalMessage[], originals: string[]): CanonicalMessage[] {
  const rename = new Map<string, string>();
  let next = 0;
  return messages.map((message) => {
    if (message.role === 'assistant') {
      return {
        ...message,
        content: message.content.map((part) => {
          if (part.type !== 'tool-call') return part;
          const original = originals[next++] ?? part.id;
          rename.set(part.id, original);
          return { ...part, id: original };
        }),
      };
    }
    if (message.role === 'tool') {
      return {
        ...message,
        content: message.content.map((part) => ({
          ...part,
          toolCallId: rename.get(part.toolCallId) ?? part.toolCallId,
        })),
      };
    }
    return message;
  });
}

function sseEvents(text: string): WireEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      expect(block.startsWith('data: ')).toBe(true);
      return { data: block.slice('data: '.length) };
    });
}

/** Joins consecutive deltas of one kind (and one call), so chunking differences do not count. */
function coalesce(parts: StreamPart[]): StreamPart[] {
  const out: StreamPart[] = [];
  for (const part of parts) {
    const previous = out.at(-1);
    if (part.type === 'text-delta' && previous?.type === 'text-delta') previous.text += part.text;
    else if (part.type === 'reasoning-delta' && previous?.type === 'reasoning-delta') previous.text += part.text;
    else if (part.type === 'tool-input-delta' && previous?.type === 'tool-input-delta' && previous.id === part.id) {
      previous.delta += part.delta;
    } else out.push({ ...part });
  }
  return out;
}

describe('Gemini adapter ⇄ codec round trips', () => {
  it('canonical request → adapter wire request → codec parse gives the request back', () => {
    const built = geminiAdapter.buildRequest(request);
    expect(built.warnings).toEqual([]);
    const parsed = geminiCodec.parseRequest(built.value.body, { model: request.model, stream: request.stream });
    expect(parsed.warnings).toEqual([]);
    expect({ ...parsed.value, messages: withOriginalIds(parsed.value.messages, ['toolu_01', 'toolu_02']) }).toEqual(
      request,
    );
  });

  it('canonical response → codec render → adapter parse gives the response back', () => {
    const response: CanonicalResponse = {
      id: 'resp_123',
      model: 'gemini-2.5-pro',
      content: [
        { type: 'reasoning', text: 'Need both lookups.', signature: 'c2lnLTE=' },
        { type: 'text', text: 'Looking it up.' },
        { type: 'tool-call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'c2lnLTI=' },
        { type: 'tool-call', id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 500, outputTokens: 120, cachedInputTokens: 300, reasoningTokens: 80 },
    };
    const wire = geminiCodec.renderResponse(response, { model: 'gemini-2.5-pro', created: 1, id: 'unused' });
    expect(geminiAdapter.parseResponse(JSON.parse(JSON.stringify(wire)))).toEqual(response);
  });

  it('stream parts → encoder frames → decoder gives equivalent parts', () => {
    const parts: StreamPart[] = [
      { type: 'start', id: 'resp_9', model: 'gemini-2.5-flash' },
      { type: 'reasoning-delta', text: 'Consider ' },
      { type: 'reasoning-delta', text: 'the options.' },
      { type: 'reasoning-signature', signature: 'c2lnLXN0cmVhbQ==' },
      { type: 'text-delta', text: 'Calling ' },
      { type: 'text-delta', text: 'tools.' },
      { type: 'tool-input-start', id: 'call_1', name: 'lookup', index: 0, signature: 'c2lnLWNhbGw=' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"q":' },
      { type: 'tool-input-delta', id: 'call_1', delta: '"paris"}' },
      { type: 'tool-input-end', id: 'call_1' },
      { type: 'tool-input-start', id: 'call_2', name: 'lookup', index: 1 },
      { type: 'tool-input-delta', id: 'call_2', delta: '{"q":"rome"}' },
      { type: 'tool-input-end', id: 'call_2' },
      { type: 'finish', reason: 'tool-calls' },
      { type: 'usage', usage: { inputTokens: 40, outputTokens: 25, reasoningTokens: 10 } },
    ];
    const encoder = geminiCodec.createStreamEncoder({ model: 'gemini-2.5-flash', created: 1, id: 'ctx' });
    const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    const decoder = geminiAdapter.createStreamDecoder();
    const decoded = [...sseEvents(text).flatMap((event) => decoder.decode(event)), ...decoder.end()];
    // Gemini carries usage with the finish reason, so usage moves before finish.
    const expected = [...parts.slice(0, -2), parts[14], parts[13]].filter((part) => part !== undefined);
    expect(coalesce(decoded)).toEqual(coalesce(expected));
  });
});
