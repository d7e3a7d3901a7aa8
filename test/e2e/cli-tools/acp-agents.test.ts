import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type FakeMachine, fakeMachine } from './fake-machine.js';

let machine: FakeMachine;
let harness: GatewayHarness;
beforeAll(async () => {
  machine = fakeMachine();
  machine.addBinary('gemini');
  machine.addBinary('aider', { executable: false });
  machine.addBinary('my-agent');
  harness = await startHarness({ env: machine.env });
});
afterAll(async () => {
  await harness.stop();
  machine.remove();
});

const agentsById = (body: { agents: { id: string }[] }) => new Map(body.agents.map((agent) => [agent.id, agent]));

describe('/api/acp/agents', () => {
  it('lists the built-in agents with what was found, and summary counts', async () => {
    const { status, body } = await harness.manage('GET', '/api/acp/agents');
    expect(status).toBe(200);
    const agents = agentsById(body);
    expect(agents.get('gemini')).toMatchObject({ installed: true, runnable: true, custom: false });
    expect(agents.get('aider')).toMatchObject({ installed: true, runnable: false });
    expect(agents.get('claude')).toMatchObject({ installed: false, runnable: false });
    expect(body.summary).toEqual({ total: body.agents.length, installed: 2, runnable: 1 });
  });

  it('adds, lists, and deletes a custom agent (by PATH name or absolute path)', async () => {
    const added = await harness.manage('POST', '/api/acp/agents', { name: 'mine', command: 'my-agent' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 'mine', custom: true, installed: true, runnable: true });
    const absolute = await harness.manage('POST', '/api/acp/agents', {
      name: 'abs',
      command: join(machine.bin, 'my-agent'),
    });
    expect(absolute.body).toMatchObject({ runtimeMode: 'absolute', runnable: true });

    const listed = await harness.manage('GET', '/api/acp/agents');
    expect(agentsById(listed.body).get('mine')).toMatchObject({ custom: true, command: 'my-agent' });
    expect(listed.body.summary.runnable).toBe(3);
    expect((await harness.manage('GET', '/api/cli-tools/runtime/mine')).body.runnable).toBe(true);

    expect((await harness.manage('DELETE', '/api/acp/agents/mine')).status).toBe(204);
    expect((await harness.manage('DELETE', '/api/acp/agents?name=abs')).status).toBe(204);
    const after = await harness.manage('GET', '/api/acp/agents');
    expect(agentsById(after.body).has('mine')).toBe(false);
    expect(after.body.summary.runnable).toBe(1);
  });

  it('rejects duplicates, bad commands, deleting built-ins and unknown agents', async () => {
    expect((await harness.manage('POST', '/api/acp/agents', { name: 'codex', command: 'x' })).status).toBe(409);
    const bad = await harness.manage('POST', '/api/acp/agents', { name: 'evil', command: 'rm -rf /' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'command'");
    expect((await harness.manage('DELETE', '/api/acp/agents/claude')).status).toBe(400);
    expect((await harness.manage('DELETE', '/api/acp/agents/nobody')).status).toBe(404);
  });
});
