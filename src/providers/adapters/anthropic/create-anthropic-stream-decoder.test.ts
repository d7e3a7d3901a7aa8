import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Usage } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { splitSse } from './__fixtures__/split-sse.js';
import { anthropicAdapter } from './index.js';

function events(name: string) {
  return splitSse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function decode(name: string): StreamPart[] {
  const decoder = anthropicAdapter.createStreamDecoder();
  return [...events(name).flatMap((event) => decoder.decode(event)), ...decoder.end()];
}

describe('anthropic stream decoder', () => {
  it('replays thinking, text and two streamed tool calls', () => {
    expect(decode('stream-thinking-tool-use.chunks.txt')).toEqual([
      { type: 'start', id: 'msg_01GxrJ4KRn8jHuW5nfWpQkNA', model: 'claude-sonnet-4-5-20250929' },
      { type: 'reasoning-delta', text: 'The user wants the weather in two cities.' },
      { type: 'reasoning-delta', text: " I'll call get_weather for both." },
      {
        type: 'reasoning-signature',
        signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds1Fmm4xS7kiVIsAqdk5KWYXByeAw',
      },
      { type: 'text-delta', text: "I'll check both" },
      { type: 'text-delta', text: ' cities.' },
      { type: 'tool-input-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', index: 0 },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: '{"location": "San Fra' },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: 'ncisco, CA"}' },
      { type: 'tool-input-end', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6' },
      { type: 'tool-input-start', id: 'toolu_01NeQeZ4fr9AdxHqFNkUWrBn', name: 'get_weather', index: 1 },
      { type: 'tool-input-delta', id: 'toolu_01NeQeZ4fr9AdxHqFNkUWrBn', delta: '{"location": "New York, NY"}' },
      { type: 'tool-input-end', id: 'toolu_01NeQeZ4fr9AdxHqFNkUWrBn' },
      {
        type: 'usage',
        usage: { inputTokens: 11308, outputTokens: 187, cachedInputTokens: 9872, cacheWriteTokens: 1024 },
      },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('keeps the prompt count from message_start when message_delta only has output tokens', () => {
    expect(decode('stream-text.chunks.txt')).toEqual([
      { type: 'start', id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY', model: 'claude-haiku-4-5-20251001' },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: '!' },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 15 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('passes redacted thinking through and gives an argument-less call valid JSON', () => {
    expect(decode('stream-redacted-no-arguments.chunks.txt')).toEqual([
      { type: 'start', id: 'msg_01Redact3dNoArgs', model: 'claude-opus-4-1-20250805' },
      {
        type: 'redacted-reasoning',
        data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URoAJe40pa3SSfKXD',
      },
      { type: 'tool-input-start', id: 'toolu_01GetTimeNoArgs00000001', name: 'get_time', index: 0 },
      { type: 'tool-input-delta', id: 'toolu_01GetTimeNoArgs00000001', delta: '{}' },
      { type: 'tool-input-end', id: 'toolu_01GetTimeNoArgs00000001' },
      { type: 'usage', usage: { inputTokens: 88, outputTokens: 42 } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
  });

  it('turns an in-stream error event into an error part, with usage flushed at the end', () => {
    expect(decode('stream-overloaded-error.chunks.txt')).toEqual([
      { type: 'start', id: 'msg_01OverloadedMidStream', model: 'claude-sonnet-4-5-20250929' },
      { type: 'text-delta', text: 'Partial ans' },
      { type: 'error', kind: 'unavailable', message: 'Overloaded' },
      { type: 'usage', usage: { inputTokens: 30, outputTokens: 1 } },
    ]);
  });

  it('ends tool calls left open by a cut stream, and takes a whole input given at block start', () => {
    const decoder = anthropicAdapter.createStreamDecoder();
    const parts = [
      ...decoder.decode({
        data: '{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t1","name":"f","input":{"a":1}}}',
      }),
      ...decoder.decode({ data: '{"type":"content_block_stop","index":0}' }),
      ...decoder.decode({
        data: '{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t2","name":"g","input":{}}}',
      }),
      ...decoder.end(),
    ];
    expect(parts).toEqual([
      { type: 'start' },
      { type: 'tool-input-start', id: 't1', name: 'f', index: 0 },
      { type: 'tool-input-delta', id: 't1', delta: '{"a":1}' },
      { type: 'tool-input-end', id: 't1' },
      { type: 'tool-input-start', id: 't2', name: 'g', index: 1 },
      { type: 'tool-input-end', id: 't2' },
    ]);
  });

  it('reports a malformed event as an upstream error and ignores unknown events', () => {
    const decoder = anthropicAdapter.createStreamDecoder();
    expect(decoder.decode({ event: 'ping', data: '{"type": "ping"}' })).toEqual([]);
    expect(decoder.decode({ event: 'future_event', data: '{"type":"future_event"}' })).toEqual([]);
    expect(decoder.decode({ data: 'not json' })).toEqual([]);
    expect(() => decoder.decode({ data: '{"type":"content_block_delta","delta":{"type":"text_delta"}}' })).toThrow(
      GatewayError,
    );
  });
});

describe('anthropicAdapter.readStreamUsage', () => {
  it('finds usage only in message_start and message_delta, and the merge equals the decoded usage', () => {
    for (const name of [
      'stream-thinking-tool-use.chunks.txt',
      'stream-text.chunks.txt',
      'stream-redacted-no-arguments.chunks.txt',
    ]) {
      const merged: Partial<Usage> = {};
      let carriers = 0;
      for (const event of events(name)) {
        const usage = anthropicAdapter.readStreamUsage(event);
        if (usage !== undefined) {
          carriers += 1;
          Object.assign(merged, usage);
        }
      }
      expect(carriers).toBe(2);
      const decoded = decode(name).find((part) => part.type === 'usage');
      expect(decoded).toMatchObject({ usage: { inputTokens: merged.inputTokens, outputTokens: merged.outputTokens } });
    }
    expect(
      anthropicAdapter.readStreamUsage({
        event: 'message_delta',
        data: '{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}',
      }),
    ).toEqual({ outputTokens: 9 });
  });
});
