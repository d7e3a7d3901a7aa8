import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, requestLogs } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { runToEnd, startEvalHarness } from './eval-setup.js';

let mock: MockUpstream;
let harness: GatewayHarness;
beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startEvalHarness(mock);
});
afterAll(async () => {
  await harness?.stop();
  await mock?.close();
});

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
};

/** An OpenAI chat completion whose text is `content`: the mock sends it as is (a queued fault with a body). */
const completionWith = (content: string) => ({
  id: 'chatcmpl-json',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4.1-mini',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
});

const outcomes = (result: any) => result.checks.map((check: any) => [check.type, check.passed, check.reason]);

describe('eval runs against the mock upstream', () => {
  it('reports every check type passing and failing, with reasons', async () => {
    const suite = {
      name: 'every-check',
      cases: [
        {
          name: 'text',
          prompt: 'Say hi',
          checks: [
            { type: 'contains', value: 'REPLY TO' },
            { type: 'contains', value: 'REPLY TO', caseSensitive: true },
            { type: 'not_contains', value: 'goodbye' },
            { type: 'not_contains', value: 'mock' },
            { type: 'regex', pattern: '^Mock openai' },
            { type: 'regex', pattern: '^\\d+$' },
            { type: 'exact', value: 'Mock openai reply to: Say hi' },
            { type: 'exact', value: 'mock OPENAI reply to: say hi' },
            { type: 'max_latency_ms', value: 60_000 },
            { type: 'max_cost_usd', value: 1 },
            { type: 'max_cost_usd', value: 0 },
            { type: 'valid_json' },
          ],
        },
        { name: 'slow', prompt: 'Slow one [[mock:delay=300]]', checks: [{ type: 'max_latency_ms', value: 100 }] },
        {
          name: 'tools',
          prompt: 'Weather in Paris?',
          tools: [weatherTool],
          checks: [
            { type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' } },
            { type: 'tool_call', name: 'get_weather', arguments: { location: 'Rome' } },
            { type: 'tool_call', name: 'book_flight' },
          ],
        },
      ],
    };
    const run = await runToEnd(harness, { suite, targets: ['openai/gpt-4o'] });
    expect(run).toMatchObject({ status: 'finished', progress: { done: 3, total: 3 } });
    const [text, slow, tools] = run.results;
    expect(text).toMatchObject({ case: 'text', target: 'openai/gpt-4o', passed: false, status: 200 });
    expect(text.answer).toBe('Mock openai reply to: Say hi');
    expect(text.servedBy).toBe('openai/gpt-4o');
    expect(text.inputTokens).toBeGreaterThan(0);
    expect(text.costUsd).toBeGreaterThan(0);
    expect(outcomes(text)).toEqual([
      ['contains', true, 'answer contains "REPLY TO"'],
      ['contains', false, 'answer does not contain "REPLY TO"'],
      ['not_contains', true, 'answer does not contain "goodbye"'],
      ['not_contains', false, 'answer contains "mock"'],
      ['regex', true, 'answer matches /^Mock openai/'],
      ['regex', false, 'answer does not match /^\\d+$/'],
      ['exact', true, 'answer is exactly as expected'],
      ['exact', false, 'answer is not exactly "mock OPENAI reply to: say hi"'],
      ['max_latency_ms', true, expect.stringMatching(/^latency \d+ ms ≤ 60000 ms$/)],
      ['max_cost_usd', true, expect.stringMatching(/^cost \$0\.\d+ ≤ \$1$/)],
      ['max_cost_usd', false, expect.stringMatching(/^cost \$0\.\d+ > \$0$/)],
      ['valid_json', false, expect.stringMatching(/^answer is not valid JSON/)],
    ]);
    // The first failed check is the case's reason.
    expect(text.reason).toBe('contains: answer does not contain "REPLY TO"');
    expect(slow.passed).toBe(false);
    expect(slow.reason).toMatch(/^max_latency_ms: latency \d+ ms > 100 ms$/);
    expect(outcomes(tools)).toEqual([
      ['tool_call', true, "called tool 'get_weather' with the expected arguments"],
      [
        'tool_call',
        false,
        `tool 'get_weather' called with {"location":"Paris"}, expected at least {"location":"Rome"}`,
      ],
      ['tool_call', false, "no call to tool 'book_flight' (called: get_weather)"],
    ]);
    expect(tools.toolCalls).toEqual([{ name: 'get_weather', arguments: { location: 'Paris' } }]);
    expect(run.scores).toEqual([
      expect.objectContaining({ target: 'openai/gpt-4o', score: 0, passed: 0, failed: 3, done: 3, total: 3 }),
    ]);
  });

  it('checks JSON answers: valid JSON and a schema, fenced or not', async () => {
    mock.enqueueFault({ body: completionWith('{"name":"Mars","moons":2}') }, { model: 'gpt-4.1-mini' });
    mock.enqueueFault(
      { body: completionWith('```json\n{"name":"Mars","moons":"two"}\n```') },
      { model: 'gpt-4.1-mini' },
    );
    const schema = {
      type: 'object',
      required: ['name', 'moons'],
      properties: { name: { type: 'string' }, moons: { type: 'integer' } },
    };
    const suite = {
      name: 'json',
      cases: [
        { name: 'good', prompt: 'Mars as JSON', checks: [{ type: 'valid_json' }, { type: 'json_schema', schema }] },
        { name: 'bad', prompt: 'Mars as JSON', checks: [{ type: 'valid_json' }, { type: 'json_schema', schema }] },
      ],
    };
    const run = await runToEnd(harness, { suite, targets: ['openai/gpt-4.1-mini'], concurrency: 1 });
    const [good, bad] = run.results;
    expect(outcomes(good)).toEqual([
      ['valid_json', true, 'answer is valid JSON'],
      ['json_schema', true, 'answer matches the schema'],
    ]);
    expect(outcomes(bad)).toEqual([
      ['valid_json', true, 'answer is valid JSON'],
      ['json_schema', false, 'schema mismatch: $.moons should be integer, got string'],
    ]);
    expect(run.scores[0]).toMatchObject({ score: 0.5, passed: 1, failed: 1 });
  });

  it('runs a combo and a failing target side by side; eval traffic is logged under the key "eval"', async () => {
    const suite = {
      name: 'greeting',
      cases: [
        { name: 'one', prompt: 'first', checks: [{ type: 'contains', value: 'first' }] },
        { name: 'two', prompt: 'second', checks: [{ type: 'contains', value: 'second' }] },
      ],
    };
    const run = await runToEnd(harness, { suite, targets: ['fast', 'anthropic/claude-opus-4-5'] });
    expect(run.status).toBe('finished');
    expect(run.scores.map((score: any) => [score.target, score.score, score.passed, score.failed])).toEqual([
      ['fast', 1, 2, 0],
      ['anthropic/claude-opus-4-5', 0, 0, 2],
    ]);
    const failed = run.results.find((result: any) => result.target === 'anthropic/claude-opus-4-5');
    expect(failed.reason).toMatch(/^request failed \(\d{3}\): /);
    expect(failed.checks).toEqual([{ type: 'contains', passed: false, reason: 'not checked: no answer' }]);
    const served = run.results.find((result: any) => result.target === 'fast');
    expect(served.servedBy).toBe('openai/gpt-4o');

    const logs = (await requestLogs(harness)).filter((row) => row.api_key_id === 'eval');
    expect(logs.length).toBeGreaterThanOrEqual(4);
    expect(logs.some((row) => row.combo === 'fast')).toBe(true);
    const filtered = await harness.manage('GET', '/api/usage/request-logs?key=eval&limit=500');
    expect(filtered.body.logs.length).toBe(logs.length);
  });
});
