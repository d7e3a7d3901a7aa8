import { describe, expect, it } from 'vitest';
import { builtinSuites } from './builtin-suites.js';
import { checkAnswer, type EvalAnswer } from './check-answer.js';
import { type EvalCheck, evalCheckSchema } from './eval-suite.js';

const answer = (overrides: Partial<EvalAnswer> = {}): EvalAnswer => ({
  text: 'The capital of France is Paris.',
  toolCalls: [],
  latencyMs: 120,
  costUsd: 0.0002,
  priced: true,
  ...overrides,
});

/** Parses the check as the API would (defaults applied) and runs it. */
const run = (check: unknown, given: EvalAnswer = answer()) => {
  const [outcome] = checkAnswer(given, [evalCheckSchema.parse(check) as EvalCheck]);
  return [outcome?.passed, outcome?.reason];
};

describe('checkAnswer', () => {
  it('contains and not_contains: case-insensitive unless told otherwise', () => {
    expect(run({ type: 'contains', value: 'PARIS' })).toEqual([true, 'answer contains "PARIS"']);
    expect(run({ type: 'contains', value: 'PARIS', caseSensitive: true })).toEqual([
      false,
      'answer does not contain "PARIS"',
    ]);
    expect(run({ type: 'not_contains', value: 'london' })).toEqual([true, 'answer does not contain "london"']);
    expect(run({ type: 'not_contains', value: 'paris' })).toEqual([false, 'answer contains "paris"']);
  });

  it('regex with flags, and exact (trimmed)', () => {
    expect(run({ type: 'regex', pattern: 'paris\\.$', flags: 'i' })).toEqual([true, 'answer matches /paris\\.$/']);
    expect(run({ type: 'regex', pattern: '^\\d+$' })).toEqual([false, 'answer does not match /^\\d+$/']);
    expect(run({ type: 'exact', value: 'OK' }, answer({ text: '  OK\n' }))).toEqual([
      true,
      'answer is exactly as expected',
    ]);
    expect(run({ type: 'exact', value: 'OK' }, answer({ text: 'ok' }))).toEqual([false, 'answer is not exactly "OK"']);
    expect(run({ type: 'exact', value: 'OK', caseSensitive: false }, answer({ text: 'ok' }))[0]).toBe(true);
  });

  it('valid_json accepts a fenced answer and explains a broken one', () => {
    expect(run({ type: 'valid_json' }, answer({ text: '```json\n{"a": 1}\n```' }))).toEqual([
      true,
      'answer is valid JSON',
    ]);
    const [passed, reason] = run({ type: 'valid_json' }, answer({ text: '{"a": ' }));
    expect(passed).toBe(false);
    expect(reason).toMatch(/^answer is not valid JSON \(.+\)$/);
  });

  it('json_schema: type, properties, required, items, enum, additionalProperties', () => {
    const schema = {
      type: 'object',
      required: ['name', 'tags'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        size: { type: ['integer', 'null'] },
        tags: { type: 'array', items: { enum: ['a', 'b'] } },
      },
    };
    const check = { type: 'json_schema', schema };
    expect(run(check, answer({ text: '{"name":"x","size":null,"tags":["a","b"]}' }))).toEqual([
      true,
      'answer matches the schema',
    ]);
    const failing: Array<[string, string]> = [
      ['[]', '$ should be object, got array'],
      ['{"tags":[]}', '$.name is required'],
      ['{"name":"x","tags":[],"extra":1}', '$.extra is not allowed'],
      ['{"name":"x","size":1.5,"tags":[]}', '$.size should be integer or null, got number'],
      ['{"name":"x","tags":["a","c"]}', '$.tags[1] should be one of "a", "b"'],
      ['not json', 'answer is not valid JSON'],
    ];
    for (const [text, reason] of failing) {
      const [passed, actual] = run(check, answer({ text }));
      expect(passed).toBe(false);
      expect(actual).toContain(reason);
    }
  });

  it('tool_call: by name, with arguments as a deep subset', () => {
    const calls = answer({
      toolCalls: [{ name: 'search', arguments: { query: 'paris', options: { limit: 5, lang: 'fr' } } }],
    });
    expect(run({ type: 'tool_call', name: 'search' }, calls)).toEqual([true, "called tool 'search'"]);
    expect(run({ type: 'tool_call', name: 'search', arguments: { options: { limit: 5 } } }, calls)[0]).toBe(true);
    expect(run({ type: 'tool_call', name: 'search', arguments: { query: 'rome' } }, calls)).toEqual([
      false,
      `tool 'search' called with {"query":"paris","options":{"limit":5,"lang":"fr"}}, expected at least {"query":"rome"}`,
    ]);
    expect(run({ type: 'tool_call', name: 'book' }, calls)).toEqual([false, "no call to tool 'book' (called: search)"]);
    expect(run({ type: 'tool_call', name: 'book' })).toEqual([false, "no call to tool 'book' (no tool calls)"]);
  });

  it('max_latency_ms and max_cost_usd', () => {
    expect(run({ type: 'max_latency_ms', value: 200 })).toEqual([true, 'latency 120 ms ≤ 200 ms']);
    expect(run({ type: 'max_latency_ms', value: 100 })).toEqual([false, 'latency 120 ms > 100 ms']);
    expect(run({ type: 'max_cost_usd', value: 0.001 })).toEqual([true, 'cost $0.000200 ≤ $0.001']);
    expect(run({ type: 'max_cost_usd', value: 0.0001 })).toEqual([false, 'cost $0.000200 > $0.0001']);
    expect(run({ type: 'max_cost_usd', value: 0 }, answer({ costUsd: 0, priced: false }))).toEqual([
      true,
      'cost $0.000000 ≤ $0 (no price known for this model)',
    ]);
  });
});

describe('built-in suites', () => {
  it('are valid suites with unique names and ids', () => {
    expect(builtinSuites.map((suite) => suite.id)).toEqual([
      'builtin:instruction-following',
      'builtin:json-output',
      'builtin:tool-calling',
    ]);
    for (const suite of builtinSuites) expect(suite.cases.length).toBeGreaterThan(0);
  });
});
