import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/index.js';
import { type FakeMachine, fakeMachine } from './fake-machine.js';

let machine: FakeMachine;
const originalHome = process.env.HOME;
beforeAll(() => {
  machine = fakeMachine();
  process.env.HOME = machine.home;
});
afterAll(() => {
  process.env.HOME = originalHome;
  machine.remove();
});
afterEach(() => vi.restoreAllMocks());

/** Runs `omniroute ...` in-process, capturing what it prints. */
async function omniroute(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((line) => {
    stderr += `${String(line)}\n`;
  });
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('omniroute setup', () => {
  const file = () => join(machine.home, '.claude', 'settings.json');

  it('with --yes shows the diff, writes the file and keeps a backup', async () => {
    mkdirSync(join(machine.home, '.claude'), { recursive: true });
    writeFileSync(file(), JSON.stringify({ theme: 'light' }));
    const result = await omniroute(['setup', 'claude', '--url', 'http://127.0.0.1:4000/', '--key', 'sk-k', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000"');
    expect(result.stdout).toMatch(/Wrote .*settings\.json \(previous file: .*omniroute-backup-/);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({
      theme: 'light',
      env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'sk-k' },
    });
    const again = await omniroute(['setup', 'claude', '--url', 'http://127.0.0.1:4000', '--key', 'sk-k', '--yes']);
    expect(again.stdout).toContain('nothing to change');
  });

  it('without --yes and without a terminal writes nothing', async () => {
    const before = readFileSync(file(), 'utf8');
    const result = await omniroute(['setup', 'claude', '--url', 'http://other:1', '--key', 'sk-k']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('+    "ANTHROPIC_BASE_URL": "http://other:1"');
    expect(result.stderr).toContain('--yes');
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('exits 2 on an unknown tool or a missing key', async () => {
    expect((await omniroute(['setup', 'vim', '--key', 'k'])).code).toBe(2);
    const noKey = await omniroute(['setup', 'codex']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key');
  });
});
