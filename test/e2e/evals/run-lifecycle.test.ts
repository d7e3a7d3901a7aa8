import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { startEvalHarness, waitFor, waitForRun } from './eval-setup.js';

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

const hangingSuite = (cases: number) => ({
  name: 'hanging',
  cases: Array.from({ length: cases }, (_, index) => ({
    prompt: `case ${index} [[mock:hang]]`,
    checks: [{ type: 'contains', value: 'case' }],
  })),
});

describe('eval run lifecycle', () => {
  it('never has more requests in flight than the run’s concurrency; a cancel stops it', async () => {
    mock.reset();
    const started = await harness.manage('POST', '/api/evals', {
      action: 'run',
      suite: hangingSuite(6),
      targets: ['openai/gpt-4o'],
      concurrency: 2,
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', concurrency: 2, progress: { done: 0, total: 6 } });
    await waitFor(() => (mock.requests.length >= 2 ? true : undefined));
    // The two requests hang upstream: give the runner time to (wrongly) start a third.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mock.requests.length).toBe(2);

    const cancelled = await harness.manage('POST', `/api/evals/${started.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', progress: { done: 0, total: 6 } });
    expect(mock.requests.length).toBe(2);
    const again = await harness.manage('POST', `/api/evals/${started.body.id}/cancel`);
    expect(again.status).toBe(409);
  });

  it('uses the default concurrency from settings and refuses more than the maximum', async () => {
    mock.reset();
    const patched = await harness.manage('PATCH', '/api/settings', { evals: { concurrency: 1, maxConcurrency: 3 } });
    expect(patched.status).toBe(200);
    const tooMany = await harness.manage('POST', '/api/evals', {
      action: 'run',
      suite: hangingSuite(2),
      targets: ['openai/gpt-4o'],
      concurrency: 4,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 3');
    const started = await harness.manage('POST', '/api/evals', {
      action: 'run',
      suite: hangingSuite(3),
      targets: ['openai/gpt-4o'],
    });
    expect(started.body.concurrency).toBe(1);
    await waitFor(() => (mock.requests.length >= 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mock.requests.length).toBe(1);
    await harness.manage('POST', `/api/evals/${started.body.id}/cancel`);
    await harness.manage('PATCH', '/api/settings', { evals: { concurrency: 4, maxConcurrency: 16 } });
  });

  it('a run cut by a restart is kept as interrupted, with the results it had', async () => {
    mock.reset();
    const suite = {
      name: 'restart',
      cases: [
        { name: 'quick', prompt: 'quick', checks: [{ type: 'contains', value: 'quick' }] },
        { name: 'stuck', prompt: 'stuck [[mock:hang]]', checks: [{ type: 'contains', value: 'stuck' }] },
      ],
    };
    const started = await harness.manage('POST', '/api/evals', {
      action: 'run',
      suite,
      targets: ['openai/gpt-4o'],
      concurrency: 1,
    });
    const id = started.body.id;
    await waitFor(() => (mock.requests.length >= 2 ? true : undefined));
    const running = await harness.manage('GET', `/api/evals/${id}`);
    expect(running.body).toMatchObject({ status: 'running', progress: { done: 1, total: 2 } });

    const dataDir = harness.dataDir;
    await harness.stop({ keepData: true });
    harness = await startEvalHarness(mock, dataDir);
    const after = await harness.manage('GET', `/api/evals/${id}`);
    expect(after.body).toMatchObject({ status: 'interrupted', progress: { done: 1, total: 2 } });
    expect(after.body.results.map((result: any) => [result.case, result.passed])).toEqual([['quick', true]]);
    expect(after.body.finishedAt).not.toBeNull();
    const listed = await harness.manage('GET', '/api/evals');
    expect(listed.body.runs.find((run: any) => run.id === id).status).toBe('interrupted');
    // The listing sums results in SQL; it shows exactly the run's own view, without the results.
    const { results: _results, ...summary } = after.body;
    expect(listed.body.runs.find((run: any) => run.id === id)).toEqual(summary);
  });

  it('re-runs a run (same suite snapshot and targets) and compares runs case by case', async () => {
    mock.reset();
    const suite = {
      name: 'compare',
      cases: [
        { name: 'a', prompt: 'alpha', checks: [{ type: 'contains', value: 'alpha' }] },
        { name: 'b', prompt: 'beta', checks: [{ type: 'contains', value: 'gamma' }] },
      ],
    };
    const created = await harness.manage('POST', '/api/evals', { action: 'create', suite });
    expect(created.status).toBe(201);
    const first = await harness.manage('POST', '/api/evals', {
      action: 'run',
      suite: 'compare',
      targets: ['openai/gpt-4o'],
    });
    expect(first.body.suite).toEqual({ id: created.body.id, name: 'compare', caseCount: 2 });
    await waitForRun(harness, first.body.id);
    const second = await harness.manage('POST', '/api/evals', {
      action: 'rerun',
      run: first.body.id,
      targets: ['openai/gpt-4o', 'fast'],
    });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ rerunOf: first.body.id, targets: ['openai/gpt-4o', 'fast'] });
    await waitForRun(harness, second.body.id);

    const compared = await harness.manage('GET', `/api/evals/${first.body.id}/compare?with=${second.body.id}`);
    expect(compared.status).toBe(200);
    expect(compared.body.runs.map((run: any) => run.scores.map((score: any) => score.score))).toEqual([
      [0.5],
      [0.5, 0.5],
    ]);
    expect(compared.body.cases.map((entry: any) => entry.case)).toEqual(['a', 'b']);
    const [a, b] = compared.body.cases;
    expect(a.runs[0]).toMatchObject({ runId: first.body.id, targets: { 'openai/gpt-4o': { passed: true } } });
    expect(a.runs[1].targets).toMatchObject({ 'openai/gpt-4o': { passed: true }, fast: { passed: true } });
    expect(b.runs[1].targets.fast).toMatchObject({
      passed: false,
      reason: 'contains: answer does not contain "gamma"',
    });

    const lonely = await harness.manage('GET', `/api/evals/${first.body.id}/compare?with=${first.body.id}`);
    expect(lonely.status).toBe(400);
    const missing = await harness.manage('GET', `/api/evals/${first.body.id}/compare?with=nope`);
    expect(missing.status).toBe(404);

    const deleted = await harness.manage('DELETE', `/api/evals/${first.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await harness.manage('GET', `/api/evals/${first.body.id}`)).status).toBe(404);
  });
});
