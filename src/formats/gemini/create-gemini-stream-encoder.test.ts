import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../core/stream-parts.js';
import { createGeminiStreamEncoder } from './create-gemini-stream-encoder.js';

const context = { model: 'gemini-2.5-flash', created: 1_750_000_000, id: 'resp-ctx' };

function encodeAll(parts: StreamPart[]): string[] {
  const encoder = createGeminiStreamEncoder(context);
  const frames = parts.map((part) => encoder.encode(part));
  frames.push(encoder.end());
  return frames.filter((frame) => frame !== '');
}

/** Every frame must be one complete `data: {json}\n\n` event. */
function chunks(frames: string[]): Array<Record<string, unknown>> {
  return frames.map((frame) => {
    expect(frame).toMatch(/^data: \{.*\}\n\n$/s);
    expect(frame.slice(6, -2)).not.toContain('\n\n');
    return JSON.parse(frame.slice(6)) as Record<string, unknown>;
  });
}

describe('createGeminiStreamEncoder', () => {
  it('streams thoughts, text and whole function calls; the last chunk carries finishReason and usage', () => {
    const frames = encodeAll([
      { type: 'start', id: 'resp-1', model: 'upstream-model' },
      { type: 'reasoning-delta', text: 'Thinking' },
      { type: 'reasoning-delta', text: ' hard' },
      { type: 'reasoning-signature', signature: 'c2lnLTE=' },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'tool-input-start', id: 'call_a', name: 'get_weather', index: 0, signature: 'c2lnLTI=' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_a', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-input-start', id: 'call_b', name: 'get_time', index: 1 },
      { type: 'tool-input-end', id: 'call_b' },
      { type: 'finish', reason: 'tool-calls' },
      { type: 'usage', usage: { inputTokens: 100, outputTokens: 50, reasoningTokens: 30, cachedInputTokens: 60 } },
    ]);
    expect(chunks(frames)).toEqual([
      candidate([{ text: 'Thinking', thought: true }]),
      candidate([{ text: ' hard', thought: true }]),
      candidate([{ text: 'Let me check.', thoughtSignature: 'c2lnLTE=' }]),
      candidate([
        { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'call_a' }, thoughtSignature: 'c2lnLTI=' },
      ]),
      candidate([{ functionCall: { name: 'get_time', args: {}, id: 'call_b' } }]),
      {
        candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: {
          promptTokenCount: 100,
          candidatesTokenCount: 20,
          totalTokenCount: 150,
          cachedContentTokenCount: 60,
          thoughtsTokenCount: 30,
        },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'resp-1',
      },
    ]);
  });

  it('keeps a signature that ends a thought with the thought when a call follows', () => {
    const parsed = chunks(
      encodeAll([
        { type: 'reasoning-delta', text: 'Plan' },
        { type: 'reasoning-signature', signature: 'c2ln' },
        { type: 'tool-input-start', id: 'c1', name: 'f', index: 0 },
        { type: 'tool-input-delta', id: 'c1', delta: '{}' },
        { type: 'tool-input-end', id: 'c1' },
        { type: 'finish', reason: 'tool-calls' },
      ]),
    );
    expect(parsed.map(partsOf)).toEqual([
      [{ text: 'Plan', thought: true }],
      [{ text: '', thought: true, thoughtSignature: 'c2ln' }],
      [{ functionCall: { name: 'f', args: {}, id: 'c1' } }],
      [{ text: '' }],
    ]);
  });

  it('synthesizes the id from the context when start is missing, and usage may precede finish', () => {
    const parsed = chunks(
      encodeAll([
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
        { type: 'text-delta', text: 'Hi' },
        { type: 'finish', reason: 'length' },
      ]),
    );
    expect(parsed.at(-1)).toMatchObject({
      candidates: [{ finishReason: 'MAX_TOKENS' }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
      responseId: 'resp-ctx',
    });
  });

  it('flushes a call left open and a trailing signature into the last chunk', () => {
    const parsed = chunks(
      encodeAll([
        { type: 'text-delta', text: 'a' },
        { type: 'reasoning-signature', signature: 'c2ln' },
        { type: 'tool-input-start', id: 'c1', name: 'f', index: 0 },
        { type: 'tool-input-delta', id: 'c1', delta: '{"x":1}' },
        { type: 'finish', reason: 'tool-calls' },
      ]),
    );
    expect(parsed.map(partsOf)).toEqual([
      [{ text: 'a' }],
      [{ text: '', thoughtSignature: 'c2ln' }],
      [{ functionCall: { name: 'f', args: { x: 1 }, id: 'c1' } }],
    ]);
    expect(parsed.at(-1)).toMatchObject({ candidates: [{ finishReason: 'STOP' }] });
  });

  it('keeps its invariants whatever the order of usage, finish and start', () => {
    const body: StreamPart[] = [
      { type: 'text-delta', text: 'x' },
      { type: 'tool-input-start', id: 't1', name: 'a', index: 0 },
      { type: 'tool-input-start', id: 't2', name: 'b', index: 1 },
      { type: 'tool-input-delta', id: 't2', delta: '{"k":' },
      { type: 'tool-input-delta', id: 't1', delta: '{}' },
      { type: 'tool-input-delta', id: 't2', delta: '2}' },
      { type: 'tool-input-end', id: 't2' },
      { type: 'tool-input-end', id: 't1' },
    ];
    const usage: StreamPart = { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } };
    const finish: StreamPart = { type: 'finish', reason: 'tool-calls' };
    const orders: StreamPart[][] = [
      [{ type: 'start' }, ...body, usage, finish],
      [...body, finish, usage],
      [usage, ...body, finish],
    ];
    for (const order of orders) {
      const parsed = chunks(encodeAll(order));
      const last = parsed.at(-1);
      expect(last).toMatchObject({ candidates: [{ finishReason: 'STOP' }], usageMetadata: { totalTokenCount: 2 } });
      for (const chunk of parsed.slice(0, -1)) {
        expect(chunk.usageMetadata).toBeUndefined();
        expect(JSON.stringify(chunk)).not.toContain('finishReason');
      }
      const calls = parsed.flatMap((chunk) => partsOf(chunk) as Array<{ functionCall?: { name: string; id: string } }>);
      const functionCalls = calls.flatMap((part) => (part.functionCall === undefined ? [] : [part.functionCall]));
      expect(functionCalls).toEqual([
        { name: 'b', args: { k: 2 }, id: 't2' },
        { name: 'a', args: {}, id: 't1' },
      ]);
    }
  });

  it('renders an error part as a data: {error} event and then ends without another frame', () => {
    const encoder = createGeminiStreamEncoder(context);
    expect(encoder.encode({ type: 'text-delta', text: 'partial' })).not.toBe('');
    const errorFrame = encoder.encode({ type: 'error', kind: 'upstream', message: 'Upstream stream was cut.' });
    expect(JSON.parse(errorFrame.slice(6))).toEqual({
      error: { code: 500, message: 'Upstream stream was cut.', status: 'INTERNAL' },
    });
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('');
    expect(encoder.end()).toBe('');
  });

  it('never emits an empty frame and always ends with usage', () => {
    const encoder = createGeminiStreamEncoder(context);
    expect(encoder.encode({ type: 'text-delta', text: '' })).toBe('');
    expect(encoder.encode({ type: 'redacted-reasoning', data: 'x' })).toBe('');
    const last = JSON.parse(encoder.end().slice(6)) as Record<string, unknown>;
    expect(last.usageMetadata).toEqual({ promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 });
  });
});

function candidate(parts: unknown[]): Record<string, unknown> {
  return {
    candidates: [{ content: { parts, role: 'model' }, index: 0 }],
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-1',
  };
}

function partsOf(chunk: Record<string, unknown>): unknown {
  const candidates = chunk.candidates as Array<{ content: { parts: unknown[] } }>;
  return candidates[0]?.content.parts;
}
