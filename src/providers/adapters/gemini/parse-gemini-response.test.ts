import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geminiAdapter } from './index.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const generatedId = expect.stringMatching(/^call_[0-9a-f]{24}$/);

describe('geminiAdapter.parseResponse', () => {
  it('reads thoughts, a text signature and usage with thoughts and cache', () => {
    expect(geminiAdapter.parseResponse(fixture('response-text-thinking.json'))).toEqual({
      id: 'mB5kaOfQLbO0nvgP7ZOG2Qo',
      model: 'gemini-2.5-flash',
      content: [
        {
          type: 'reasoning',
          text: '**Weighing the options**\n\nThe user wants a short answer about the capital of France.',
          signature: 'CiQB0e2Kb7QvB7nX4kq2pBvQ1c7N5mC2dJ8Gx3m9pQ1rT0sVwXyZ',
        },
        { type: 'text', text: 'The capital of France is Paris.' },
      ],
      finishReason: 'stop',
      usage: { inputTokens: 2148, outputTokens: 72, cachedInputTokens: 2031, reasoningTokens: 64 },
    });
  });

  it('gives parallel calls unique ids, keeps the signature on the first call, and finishes as tool-calls', () => {
    const response = geminiAdapter.parseResponse(fixture('response-parallel-tool-calls.json'));
    expect(response.content).toEqual([
      {
        type: 'tool-call',
        id: generatedId,
        name: 'get_weather',
        arguments: '{"city":"Paris","unit":"celsius"}',
        signature: 'EpYCCpMCAdHtim9x3Kq1Qm2YbZzGJt7V4wq0cP1Lr9sUe8fNd2kWm3oHaXbTcYv5Rj6Lp4Ng0Qs',
      },
      { type: 'tool-call', id: generatedId, name: 'get_weather', arguments: '{"city":"London","unit":"celsius"}' },
      { type: 'tool-call', id: generatedId, name: 'get_time', arguments: '{}' },
    ]);
    const ids = response.content.map((part) => (part.type === 'tool-call' ? part.id : ''));
    expect(new Set(ids).size).toBe(3);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toEqual({ inputTokens: 187, outputTokens: 211, reasoningTokens: 170 });
  });

  it('maps safety stops and blocked prompts to content-filter', () => {
    const safety = geminiAdapter.parseResponse(fixture('response-safety.json'));
    expect(safety).toMatchObject({
      content: [],
      finishReason: 'content-filter',
      usage: { inputTokens: 23, outputTokens: 0 },
    });
    const blocked = geminiAdapter.parseResponse(fixture('response-prompt-blocked.json'));
    expect(blocked).toMatchObject({ content: [], finishReason: 'content-filter', model: 'gemini-2.5-pro' });
  });

  it('maps the other finish reasons', () => {
    const finish = (finishReason: string) =>
      geminiAdapter.parseResponse({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason }] }).finishReason;
    expect(finish('MAX_TOKENS')).toBe('length');
    expect(finish('RECITATION')).toBe('content-filter');
    expect(finish('SPII')).toBe('content-filter');
    expect(finish('MALFORMED_FUNCTION_CALL')).toBe('other');
  });

  it('rejects a body that is not a Gemini response', () => {
    expect(() => geminiAdapter.parseResponse({ candidates: 'nope' })).toThrow(/unexpected response/);
  });
});

describe('geminiAdapter usage and errors', () => {
  it('reads usage from an answer and from a stream event, skipping events without it', () => {
    expect(geminiAdapter.readUsage(fixture('response-text-thinking.json'))).toEqual({
      inputTokens: 2148,
      outputTokens: 72,
      cachedInputTokens: 2031,
      reasoningTokens: 64,
    });
    expect(geminiAdapter.readUsage({ candidates: [] })).toBeUndefined();
    expect(
      geminiAdapter.readStreamUsage({
        data: '{"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"toolUsePromptTokenCount":4}}',
      }),
    ).toEqual({ inputTokens: 14, outputTokens: 5 });
    expect(geminiAdapter.readStreamUsage({ data: '{"candidates":[]}' })).toBeUndefined();
  });

  it('reads the message of an error body, plain or wrapped in an array', () => {
    const body = fixture('error-429.json');
    expect(geminiAdapter.parseErrorMessage(body)).toMatch(/^You exceeded your current quota/);
    expect(geminiAdapter.parseErrorMessage([body])).toMatch(/^You exceeded your current quota/);
    expect(geminiAdapter.parseErrorMessage(JSON.stringify(body))).toMatch(/^You exceeded/);
    expect(geminiAdapter.parseErrorMessage({ message: 'other shape' })).toBeUndefined();
  });

  it('builds the documented paths', () => {
    expect(geminiAdapter.requestPath('gemini-2.5-pro', false)).toBe('/models/gemini-2.5-pro:generateContent');
    expect(geminiAdapter.requestPath('gemini-2.5-pro', true)).toBe(
      '/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    );
  });
});
