import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type FakeMachine, fakeMachine } from './fake-machine.js';

let machine: FakeMachine;
let harness: GatewayHarness;
beforeAll(async () => {
  machine = fakeMachine();
  machine.addBinary('claude');
  machine.addBinary('codex', { executable: false });
  machine.addBinary('droid', { script: 'echo broken >&2; exit 3' });
  harness = await startHarness({ env: machine.env });
});
afterAll(async () => {
  await harness.stop();
  machine.remove();
});

describe('CLI tool detection', () => {
  it('reports a tool on PATH that runs as installed and runnable, with its version', async () => {
    const { status, body } = await harness.manage('GET', '/api/cli-tools/runtime/claude');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      installed: true,
      runnable: true,
      command: 'claude',
      commandPath: join(machine.bin, 'claude'),
      runtimeMode: 'path',
      reason: null,
      version: 'claude 1.2.3',
    });
  });

  it('reports a file that is not executable as installed but not runnable, saying why', async () => {
    const { body } = await harness.manage('GET', '/api/cli-tools/runtime/codex');
    expect(body).toMatchObject({ installed: true, runnable: false, commandPath: join(machine.bin, 'codex') });
    expect(body.reason).toMatch(/not executable/);
  });

  it('reports a binary whose --version fails as not runnable', async () => {
    const { body } = await harness.manage('GET', '/api/cli-tools/runtime/droid');
    expect(body).toMatchObject({ installed: true, runnable: false });
    expect(body.reason).toMatch(/--version/);
  });

  it('reports a missing tool, and 404s an unknown tool id', async () => {
    const { body } = await harness.manage('GET', '/api/cli-tools/runtime/openclaw');
    expect(body).toMatchObject({ installed: false, runnable: false, commandPath: null, runtimeMode: 'none' });
    expect(body.reason).toMatch(/not found on PATH/);
    expect((await harness.manage('GET', '/api/cli-tools/runtime/nope')).status).toBe(404);
  });

  it('the -settings routes report the config file and whether it points at this gateway', async () => {
    const before = await harness.manage('GET', '/api/cli-tools/claude-settings');
    expect(before.body).toMatchObject({
      installed: true,
      config: { path: join(machine.home, '.claude', 'settings.json'), exists: false, baseUrl: null },
      pointsAtGateway: false,
      setupSupported: true,
    });
    mkdirSync(join(machine.home, '.claude'));
    const settings = { env: { ANTHROPIC_BASE_URL: harness.url, ANTHROPIC_AUTH_TOKEN: 'sk-x' } };
    writeFileSync(join(machine.home, '.claude', 'settings.json'), JSON.stringify(settings));
    const after = await harness.manage('GET', '/api/cli-tools/claude-settings');
    expect(after.body).toMatchObject({ config: { exists: true, baseUrl: harness.url }, pointsAtGateway: true });

    for (const tool of ['codex', 'droid', 'openclaw']) {
      const { status, body } = await harness.manage('GET', `/api/cli-tools/${tool}-settings`);
      expect(status).toBe(200);
      expect(body.tool).toBe(tool);
      expect(body.pointsAtGateway).toBe(false);
    }
  });

  it('reports an unreadable config file instead of failing', async () => {
    mkdirSync(join(machine.home, '.codex'), { recursive: true });
    writeFileSync(join(machine.home, '.codex', 'config.toml'), 'this is = = not toml');
    const { status, body } = await harness.manage('GET', '/api/cli-tools/codex-settings');
    expect(status).toBe(200);
    expect(body.config.error).toMatch(/unreadable/);
  });
});
