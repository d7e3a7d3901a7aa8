import { describe, expect, it } from 'vitest';
import type { RequestTarget } from '../routing/resolve-request-model.js';
import { cacheBypassed, isDeterministic, responseCacheKey } from './response-cache-key.js';

const target = (model: string) =>
  ({ kind: 'model', resolved: { provider: { id: 'openai' }, model, format: 'openai' } }) as unknown as RequestTarget;

const key = (body: Record<string, unknown>, overrides: { space?: string; model?: string } = {}) =>
  responseCacheKey({
    space: overrides.space ?? 'k1',
    format: 'openai',
    target: target(overrides.model ?? 'gpt-4.1'),
    edits: {},
    body,
  });

const body = { model: 'openai/gpt-4.1', temperature: 0, messages: [{ role: 'user', content: 'hi' }] };

describe('response cache key', () => {
  it('is the same for a streamed and a JSON request, and for another spelling of the same target', () => {
    expect(key({ ...body, stream: true, stream_options: { include_usage: true } })).toBe(key(body));
    expect(key({ ...body, model: 'my-alias' })).toBe(key(body));
  });

  it('differs by key space, target and any answer-shaping field', () => {
    const base = key(body);
    expect(key(body, { space: 'k2' })).not.toBe(base);
    expect(key(body, { model: 'gpt-4.1-mini' })).not.toBe(base);
    for (const change of [
      { max_tokens: 10 },
      { stop: ['x'] },
      { tool_choice: 'none' },
      { response_format: { type: 'json_object' } },
      { reasoning_effort: 'high' },
      { messages: [{ role: 'user', content: 'hi!' }] },
    ]) {
      expect(key({ ...body, ...change })).not.toBe(base);
    }
  });

  it('knows where each format keeps its temperature, and treats a missing one as not deterministic', () => {
    expect(isDeterministic('openai', { temperature: 0 })).toBe(true);
    expect(isDeterministic('openai', {})).toBe(false);
    expect(isDeterministic('anthropic', { temperature: 0.5 })).toBe(false);
    expect(isDeterministic('gemini', { generationConfig: { temperature: 0 } })).toBe(true);
    expect(isDeterministic('gemini', { generation_config: { temperature: 0 } })).toBe(true);
    expect(isDeterministic('ollama', { options: { temperature: 0 } })).toBe(true);
    expect(isDeterministic('ollama', { temperature: 0 })).toBe(false);
  });

  it('reads the bypass headers', () => {
    expect(cacheBypassed({ 'x-omniroute-no-cache': 'true' })).toBe(true);
    expect(cacheBypassed({ 'cache-control': 'max-age=0, no-cache' })).toBe(true);
    expect(cacheBypassed({ 'cache-control': 'max-age=60' })).toBe(false);
    expect(cacheBypassed({})).toBe(false);
  });
});
