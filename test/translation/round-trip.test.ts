import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../../src/core/canonical.js';
import type { WireEvent } from '../../src/core/codec.js';
import type { StreamPart } from '../../src/core/stream-parts.js';
import { wireFormats } from '../../src/core/wire-format.js';
import { clientCodecs } from '../../src/formats/index.js';
import { upstreamAdapters } from '../../src/providers/adapters/index.js';
import { NdjsonParser } from '../../src/upstream/ndjson-parser.js';
import { SseParser } from '../../src/upstream/sse-parser.js';

/**
 * The shared round-trip suite: every (client format, upstream format) pair carries the features all five formats
 * share through wire → canonical → wire → canonical without losing their meaning.
 */
const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const request: CanonicalRequest = {
  model: 'm',
  stream: false,
  maxOutputTokens: 512,
  temperature: 0.3,
  topP: 0.9,
  stopSequences: ['END'],
  tools: [
    {
      name: 'get_weather',
      description: 'Weather for a city',
      inputSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    },
  ],
  toolChoice: { type: 'auto' },
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris? See the picture.' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: pixel } },
      ],
    },
    {
      role: 'assistant',
      content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' }],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: 'Sunny, 21°C' }],
        },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'Thanks! And tomorrow?' }] },
  ],
};

const answer: CanonicalResponse = {
  id: 'resp1',
  model: 'm',
  finishReason: 'tool-calls',
  usage: { inputTokens: 120, outputTokens: 30 },
  content: [
    { type: 'text', text: 'Let me check.' },
    { type: 'tool-call', id: 'call_9', name: 'get_weather', arguments: '{"location":"Paris","day":"tomorrow"}' },
  ],
};

/** What the formats agree on: roles in order, texts, images, tool names/arguments/results; ids are format-specific. */
function meaning(value: CanonicalRequest) {
  return {
    system: value.messages.filter((m) => m.role === 'system').flatMap((m) => m.content.map((part) => part.text)),
    turns: value.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({
        role: m.role,
        parts: m.content.map((part) => partMeaning(part as never)),
      })),
    tools: value.tools?.map((tool) => tool.name),
    maxOutputTokens: value.maxOutputTokens,
    temperature: value.temperature,
    topP: value.topP,
  };
}

function partMeaning(part: { type: string } & Record<string, unknown>): unknown {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'image':
      return { image: (part.source as { data?: string }).data };
    case 'tool-call':
      return { call: part.name, arguments: JSON.parse(part.arguments as string) };
    case 'tool-result':
      return { result: (part.content as Array<{ text?: string }>).map((item) => item.text).join('') };
    default:
      return { type: part.type };
  }
}

function answerMeaning(value: CanonicalResponse) {
  return {
    finishReason: value.finishReason,
    usage: { inputTokens: value.usage?.inputTokens, outputTokens: value.usage?.outputTokens },
    content: value.content.map((part) => partMeaning(part as never)),
  };
}

function splitFrames(text: string, framing: 'sse' | 'ndjson'): WireEvent[] {
  const parser = framing === 'sse' ? new SseParser() : new NdjsonParser();
  return [...parser.push(new TextEncoder().encode(text)), ...parser.end()].map(({ event, data }) => ({ event, data }));
}

/** Stream parts → client frames (encoder) → events → parts (the same format's decoder). */
function restream(format: (typeof wireFormats)[number], parts: StreamPart[]): StreamPart[] {
  const encoder = clientCodecs[format].createStreamEncoder({ model: 'm', created: 1, id: 'x' });
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
  const decoder = upstreamAdapters[format].createStreamDecoder();
  return [
    ...splitFrames(text, upstreamAdapters[format].streamFraming).flatMap((event) => decoder.decode(event)),
    ...decoder.end(),
  ];
}

function collect(parts: StreamPart[]) {
  const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
  const calls = new Map<string, { name: string; args: string }>();
  for (const part of parts) {
    if (part.type === 'tool-input-start') calls.set(part.id, { name: part.name, args: '' });
    if (part.type === 'tool-input-delta') calls.get(part.id)!.args += part.delta;
  }
  const finish = parts.find((part) => part.type === 'finish');
  const usage = parts.filter((part) => part.type === 'usage').at(-1);
  return {
    text,
    calls: [...calls.values()].map((call) => ({ name: call.name, args: JSON.parse(call.args) })),
    finish: finish?.type === 'finish' ? finish.reason : undefined,
    outputTokens: usage?.type === 'usage' ? usage.usage.outputTokens : undefined,
  };
}

const streamParts: StreamPart[] = [
  { type: 'start', id: 's1', model: 'm' },
  { type: 'text-delta', text: 'Let me ' },
  { type: 'text-delta', text: 'check.' },
  { type: 'tool-input-start', id: 'call_9', name: 'get_weather', index: 0 },
  { type: 'tool-input-delta', id: 'call_9', delta: '{"location":' },
  { type: 'tool-input-delta', id: 'call_9', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'call_9' },
  { type: 'finish', reason: 'tool-calls' },
  { type: 'usage', usage: { inputTokens: 120, outputTokens: 30 } },
];

describe.each(wireFormats)('client format %s', (clientFormat) => {
  const codec = clientCodecs[clientFormat];
  const clientAdapter = upstreamAdapters[clientFormat];

  it.each(wireFormats)('carries a request to %s upstreams and back without losing its meaning', (upstreamFormat) => {
    // What the client would send, as the client's own wire format.
    const clientWire = clientAdapter.buildRequest(request).value.body;
    const canonical = codec.parseRequest(clientWire, { model: 'm', stream: false }).value;
    const upstreamWire = upstreamAdapters[upstreamFormat].buildRequest({ ...canonical, model: 'm' }).value.body;
    const seenUpstream = clientCodecs[upstreamFormat].parseRequest(upstreamWire, { model: 'm', stream: false }).value;
    expect(meaning(seenUpstream)).toEqual(meaning(request));
  });

  it.each(wireFormats)('carries an answer from %s upstreams back to the client', (upstreamFormat) => {
    const context = { model: 'm', created: 1, id: 'x' };
    const upstreamWire = clientCodecs[upstreamFormat].renderResponse(answer, context);
    const canonical = upstreamAdapters[upstreamFormat].parseResponse(upstreamWire);
    const clientWire = codec.renderResponse(canonical, context);
    expect(answerMeaning(clientAdapter.parseResponse(clientWire))).toEqual(answerMeaning(answer));
  });

  it.each(wireFormats)('carries a stream from %s upstreams back to the client', (upstreamFormat) => {
    const fromUpstream = restream(upstreamFormat, streamParts);
    const atClient = restream(clientFormat, fromUpstream);
    expect(collect(atClient)).toEqual(collect(streamParts));
  });
});
