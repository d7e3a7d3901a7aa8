import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { type FakeMachine, fakeMachine } from './fake-machine.js';

let machine: FakeMachine;
let harness: GatewayHarness;
beforeAll(async () => {
  machine = fakeMachine();
  harness = await startHarness({ env: machine.env });
});
afterAll(async () => {
  await harness.stop();
  machine.remove();
});

const key = 'sk-omni-test-key';
const place = (relative: string, content: string) => {
  const file = join(machine.home, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};
const backupsOf = (file: string) =>
  readdirSync(dirname(file)).filter((name) => name.startsWith(`${file.split('/').at(-1)}.omniroute-backup-`));

describe('writing tool configs', () => {
  it('Claude Code: a dry run shows the diff and writes nothing; a real run merges, keeps a backup', async () => {
    const original = JSON.stringify({ theme: 'dark', env: { DEBUG: '1' }, permissions: { allow: ['Bash(ls)'] } });
    const file = place('.claude/settings.json', original);

    const dry = await harness.manage('POST', '/api/cli-tools/claude/setup', { key });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ file, dryRun: true, changed: true, written: false, backup: null });
    expect(dry.body.diff).toContain(`+++ ${file}`);
    expect(dry.body.diff).toContain(`+    "ANTHROPIC_BASE_URL": "${harness.url}"`);
    expect(readFileSync(file, 'utf8')).toBe(original);

    const real = await harness.manage('POST', '/api/cli-tools/claude/setup', {
      key,
      model: 'cc/claude-opus-4-6',
      dryRun: false,
    });
    expect(real.body).toMatchObject({ written: true });
    expect(readFileSync(real.body.backup, 'utf8')).toBe(original);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({
      theme: 'dark',
      permissions: { allow: ['Bash(ls)'] },
      env: { DEBUG: '1', ANTHROPIC_BASE_URL: harness.url, ANTHROPIC_AUTH_TOKEN: key },
      model: 'cc/claude-opus-4-6',
    });
    const status = await harness.manage('GET', '/api/cli-tools/claude-settings');
    expect(status.body.pointsAtGateway).toBe(true);

    const again = await harness.manage('POST', '/api/cli-tools/claude/setup', {
      key,
      model: 'cc/claude-opus-4-6',
      dryRun: false,
    });
    expect(again.body).toMatchObject({ changed: false, written: false, diff: '' });
    expect(backupsOf(file)).toHaveLength(1);
  });

  it("Codex: patches config.toml, keeping the user's other tables, keys and comments", async () => {
    const original = [
      '# my codex config',
      'model = "o3"',
      'approval_policy = "on-request"',
      '',
      '[model_providers.other]',
      'name = "Other"',
      'base_url = "https://example.com/v1"',
      '',
      '[profiles.fast]',
      'model = "gpt-4.1-mini"',
      '',
    ].join('\n');
    const file = place('.codex/config.toml', original);
    const result = await harness.manage('POST', '/api/cli-tools/codex/setup', { key, model: 'gpt-5', dryRun: false });
    expect(result.status).toBe(200);
    expect(result.body.notes[0]).toContain(`OMNIROUTE_API_KEY=${key}`);
    expect(readFileSync(result.body.backup, 'utf8')).toBe(original);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# my codex config');
    expect(text).not.toContain(key);
    expect(parseToml(text)).toEqual({
      model: 'gpt-5',
      approval_policy: 'on-request',
      model_provider: 'omniroute',
      model_providers: {
        other: { name: 'Other', base_url: 'https://example.com/v1' },
        omniroute: {
          name: 'OmniRoute',
          base_url: `${harness.url}/v1`,
          env_key: 'OMNIROUTE_API_KEY',
          wire_api: 'responses',
        },
      },
      profiles: { fast: { model: 'gpt-4.1-mini' } },
    });

    // A second setup with another URL replaces the block instead of adding a duplicate table.
    await harness.manage('POST', '/api/cli-tools/codex/setup', { key, url: 'http://gw.example:9000', dryRun: false });
    const patched = parseToml(readFileSync(file, 'utf8')) as { model_providers: Record<string, { base_url: string }> };
    expect(patched.model_providers.omniroute?.base_url).toBe('http://gw.example:9000/v1');
    expect(patched.model_providers.other?.base_url).toBe('https://example.com/v1');
  });

  it("OpenCode: adds a provider block next to the user's own providers; a new file has no backup", async () => {
    const file = join(machine.home, '.config', 'opencode', 'opencode.json');
    const created = await harness.manage('POST', '/api/cli-tools/opencode/setup', { key, dryRun: false });
    expect(created.body).toMatchObject({ written: true, backup: null });
    expect(created.body.diff).toContain('--- /dev/null');

    const withOther = JSON.parse(readFileSync(file, 'utf8'));
    withOther.provider.mine = { npm: '@ai-sdk/anthropic' };
    withOther.theme = 'tokyonight';
    writeFileSync(file, JSON.stringify(withOther));
    const updated = await harness.manage('POST', '/api/cli-tools/opencode/setup', {
      key,
      model: 'gpt-4o',
      dryRun: false,
    });
    expect(existsSync(updated.body.backup)).toBe(true);
    const config = JSON.parse(readFileSync(file, 'utf8'));
    expect(config.theme).toBe('tokyonight');
    expect(config.provider.mine).toEqual({ npm: '@ai-sdk/anthropic' });
    expect(config.provider.omniroute.options).toEqual({ baseURL: `${harness.url}/v1`, apiKey: key });
    expect(config.provider.omniroute.models).toEqual({ 'gpt-4o': { name: 'gpt-4o' } });
    expect(config.model).toBe('omniroute/gpt-4o');
  });

  it('Gemini CLI: sets the base URL and key in ~/.gemini/.env, keeping other variables', async () => {
    const file = place('.gemini/.env', 'FOO=bar\nGEMINI_API_KEY=old\n');
    await harness.manage('POST', '/api/cli-tools/gemini/setup', { key, dryRun: false });
    expect(readFileSync(file, 'utf8')).toBe(`FOO=bar\nGEMINI_API_KEY=${key}\nGOOGLE_GEMINI_BASE_URL=${harness.url}\n`);
  });

  it('refuses to touch an unparseable file, a missing key, and a tool it cannot configure', async () => {
    const file = place('.claude/settings.json', '{ not json');
    const broken = await harness.manage('POST', '/api/cli-tools/claude/setup', { key, dryRun: false });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('left untouched');
    expect(readFileSync(file, 'utf8')).toBe('{ not json');

    const noKey = await harness.manage('POST', '/api/cli-tools/codex/setup', { keyId: 'abc' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toContain('stored hashed');
    expect((await harness.manage('POST', '/api/cli-tools/droid/setup', { key })).status).toBe(400);
  });
});
