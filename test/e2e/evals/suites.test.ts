import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
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

const suite = {
  name: 'support-bot',
  description: 'Answers support questions',
  cases: [
    { prompt: 'Where is my order?', checks: [{ type: 'contains', value: 'order' }] },
    {
      name: 'conversation',
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Refund please' },
      ],
      checks: [{ type: 'regex', pattern: 'refund', flags: 'i' }],
    },
  ],
};

describe('/api/evals suites', () => {
  it('lists the built-in suites, which run like any other and cannot be changed', async () => {
    const listed = await harness.manage('GET', '/api/evals');
    expect(listed.status).toBe(200);
    expect(listed.body.suites.map((entry: any) => [entry.name, entry.builtIn])).toEqual([
      ['instruction-following', true],
      ['json-output', true],
      ['tool-calling', true],
    ]);
    const one = await harness.manage('GET', '/api/evals/builtin:tool-calling');
    expect(one.body).toMatchObject({ kind: 'suite', name: 'tool-calling', builtIn: true });
    expect(one.body.cases.length).toBe(one.body.caseCount);
    expect((await harness.manage('DELETE', '/api/evals/tool-calling')).status).toBe(403);
    expect((await harness.manage('PUT', '/api/evals/builtin:tool-calling', suite)).status).toBe(403);

    const run = await runToEnd(harness, { suite: 'tool-calling', targets: ['openai/gpt-4o'] });
    const passed = Object.fromEntries(run.results.map((result: any) => [result.case, result.passed]));
    // The mock calls the first declared tool with {"location":"Paris"} unless told not to call tools.
    expect(passed).toEqual({ 'weather lookup': true, 'forced tool': true, 'no tool needed': true });
    expect(run.suite).toEqual({ id: 'builtin:tool-calling', name: 'tool-calling', caseCount: 3 });
  });

  it('creates, reads, replaces and deletes a suite; unnamed cases are numbered', async () => {
    const created = await harness.manage('POST', '/api/evals', { action: 'create', suite });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'suite', name: 'support-bot', builtIn: false, caseCount: 2 });
    expect(created.body.cases.map((entry: any) => entry.name)).toEqual(['case 1', 'conversation']);
    const byName = await harness.manage('GET', '/api/evals/support-bot');
    expect(byName.body.id).toBe(created.body.id);

    const run = await runToEnd(harness, { suite: 'support-bot', targets: ['openai/gpt-4o'] });
    expect(run.scores[0]).toMatchObject({ score: 1, passed: 2 });
    // The system prompt and the whole conversation reached the upstream.
    const last = mock.requests.at(-1)?.body as any;
    expect(last.messages.map((message: any) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);

    const replaced = await harness.manage('PUT', `/api/evals/${created.body.id}`, {
      ...suite,
      cases: [suite.cases[0]],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.caseCount).toBe(1);
    // The run kept the suite as it ran.
    const kept = await harness.manage('GET', `/api/evals/${run.id}`);
    expect(kept.body.results.length).toBe(2);

    expect((await harness.manage('POST', '/api/evals', { action: 'create', suite })).status).toBe(409);
    expect((await harness.manage('DELETE', `/api/evals/${created.body.id}`)).status).toBe(204);
    expect((await harness.manage('GET', `/api/evals/${created.body.id}`)).status).toBe(404);
  });

  it('refuses invalid suites and runs, naming the field', async () => {
    const invalid = async (body: unknown) => {
      const { status, body: answer } = await harness.manage('POST', '/api/evals', body);
      expect(status).toBe(400);
      return answer.error;
    };
    const badRegex = await invalid({
      action: 'create',
      suite: { name: 'x', cases: [{ prompt: 'p', checks: [{ type: 'regex', pattern: '(' }] }] },
    });
    expect(badRegex).toMatchObject({ param: 'suite.cases.0.checks.0' });
    expect(badRegex.message).toContain('not a valid regular expression');
    const both = await invalid({
      action: 'create',
      suite: { name: 'x', cases: [{ prompt: 'p', messages: [{ role: 'user', content: 'q' }], checks: [] }] },
    });
    expect(both.message).toMatch(/checks|prompt or messages/);
    const unknownCheck = await invalid({
      action: 'create',
      suite: { name: 'x', cases: [{ prompt: 'p', checks: [{ type: 'sounds_good' }] }] },
    });
    expect(unknownCheck.param).toBe('suite.cases.0.checks.0.type');
    const duplicate = await invalid({
      action: 'create',
      suite: {
        name: 'x',
        cases: [
          { name: 'a', prompt: 'p', checks: [{ type: 'valid_json' }] },
          { name: 'a', prompt: 'q', checks: [{ type: 'valid_json' }] },
        ],
      },
    });
    expect(duplicate.message).toContain("duplicate case name 'a'");
    const unknownTarget = await invalid({ action: 'run', suite: 'json-output', targets: ['nosuch/model'] });
    expect(unknownTarget.param).toBe('targets.0');
    const unknownSuite = await invalid({ action: 'run', suite: 'nope', targets: ['openai/gpt-4o'] });
    expect(unknownSuite.param).toBe('suite');
    const noAction = await invalid({ suite: 'json-output' });
    expect(noAction.param).toBe('action');
    expect((await harness.manage('POST', '/api/evals', { action: 'rerun', run: 'nope' })).status).toBe(404);
  });

  it('the internal eval route answers nobody but the gateway itself', async () => {
    const response = await fetch(`${harness.url}/__omniroute/evals/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-omniroute-eval-token': 'ab'.repeat(32) },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(404);
  });

  it('loads suites from the config file (upserted by name) and refuses a built-in name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'omniroute-eval-config-'));
    const file = join(folder, 'config.json');
    try {
      writeFileSync(file, JSON.stringify({ evals: [suite] }));
      const dataDir = join(folder, 'data');
      let configured = await startHarness({ dataDir, env: { OMNIROUTE_CONFIG: file } });
      const first = await configured.manage('GET', '/api/evals/support-bot');
      expect(first.body).toMatchObject({ kind: 'suite', caseCount: 2, description: 'Answers support questions' });
      await configured.stop({ keepData: true });
      writeFileSync(file, JSON.stringify({ evals: [{ ...suite, cases: [suite.cases[0]] }] }));
      configured = await startHarness({ dataDir, env: { OMNIROUTE_CONFIG: file } });
      const second = await configured.manage('GET', '/api/evals/support-bot');
      expect(second.body).toMatchObject({ id: first.body.id, caseCount: 1 });
      await configured.stop();

      writeFileSync(file, JSON.stringify({ evals: [{ ...suite, name: 'json-output' }] }));
      await expect(startHarness({ env: { OMNIROUTE_CONFIG: file } })).rejects.toThrow(/evals 'json-output'.*built-in/);
      writeFileSync(file, JSON.stringify({ evals: [{ name: 'x', cases: [] }] }));
      await expect(startHarness({ env: { OMNIROUTE_CONFIG: file } })).rejects.toThrow(/field 'evals\.0\.cases'/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
