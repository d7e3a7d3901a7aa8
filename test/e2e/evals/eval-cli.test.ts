import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/index.js';
import type { GatewayHarness } from '../../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../../mock-upstream/index.mjs';
import { startEvalHarness } from './eval-setup.js';

let mock: MockUpstream;
let harness: GatewayHarness;
let key: string;
let folder: string;
let suiteFile: string;
beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startEvalHarness(mock);
  const created = await harness.manage('POST', '/api/keys', { name: 'ci', scopes: ['manage'] });
  key = created.body.key;
  folder = mkdtempSync(join(tmpdir(), 'omniroute-eval-cli-'));
  suiteFile = join(folder, 'smoke.yaml');
  writeFileSync(
    suiteFile,
    [
      'name: smoke',
      'cases:',
      '  - name: echo',
      '    prompt: ping',
      '    checks: [{ type: contains, value: ping }]',
      '  - name: impossible',
      '    prompt: pong',
      '    checks: [{ type: contains, value: never-there }]',
    ].join('\n'),
  );
});
afterAll(async () => {
  await harness?.stop();
  await mock?.close();
  rmSync(folder, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `omniroute eval …` in-process; returns its exit code and what it printed. */
async function omnirouteEval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
  vi.spyOn(console, 'error').mockImplementation((...parts) => {
    stderr += `${parts.join(' ')}\n`;
  });
  const code = await main(['eval', ...args]);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('omniroute eval', () => {
  it('exits 0 when every target reaches the threshold, with progress lines and a summary table', async () => {
    const result = await omnirouteEval([
      suiteFile,
      '--target',
      'openai/gpt-4o',
      '--target',
      'fast',
      '--threshold',
      '0.5',
      '--url',
      harness.url,
      '--key',
      key,
    ]);
    expect(result.stderr).toContain('2 target(s)');
    // Not a terminal: plain progress lines, the last one complete.
    expect(result.stderr).toContain('4/4 cases done');
    expect(result.stdout).toMatch(/^target\s+score\s+passed\s+failed\s+avg latency\s+cost/);
    expect(result.stdout).toMatch(/openai\/gpt-4o\s+50\.0%\s+1\/2\s+1\s+\d+ ms\s+\$\d+\.\d{6}\s+ok/);
    expect(result.stdout).toContain('fast / impossible: contains: answer does not contain "never-there"');
    expect(result.code).toBe(0);
  });

  it('exits 1 when a target scores below the threshold (default: every case must pass)', async () => {
    const strict = await omnirouteEval([suiteFile, '--target', 'openai/gpt-4o', '--url', harness.url, '--key', key]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/50\.0%.*below 100%/);
    const broken = await omnirouteEval([
      'json-output',
      '--target',
      'anthropic/claude-opus-4-5',
      '--threshold',
      '0.1',
      '--url',
      harness.url,
      '--key',
      key,
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/anthropic\/claude-opus-4-5\s+0\.0%/);
  });

  it('exits 2 on usage errors, 1 when the gateway cannot be reached', async () => {
    const base = ['--url', harness.url, '--key', key];
    expect((await omnirouteEval([suiteFile, ...base])).code).toBe(2);
    expect((await omnirouteEval(['--target', 'openai/gpt-4o', ...base])).code).toBe(2);
    expect((await omnirouteEval([suiteFile, '--target', 'x', '--threshold', '2', ...base])).code).toBe(2);
    expect((await omnirouteEval([suiteFile, '--target', 'x', '--bogus', ...base])).code).toBe(2);
    const unknownSuite = await omnirouteEval(['no-such-suite', '--target', 'openai/gpt-4o', ...base]);
    expect(unknownSuite.code).toBe(2);
    expect(unknownSuite.stderr).toContain("no eval suite with id or name 'no-such-suite'");
    const unknownTarget = await omnirouteEval([suiteFile, '--target', 'nosuch/model', ...base]);
    expect(unknownTarget.code).toBe(2);
    const missingFile = await omnirouteEval([join(folder, 'missing.json'), '--target', 'openai/gpt-4o', ...base]);
    expect(missingFile.code).toBe(2);

    const noKey = await omnirouteEval([suiteFile, '--target', 'openai/gpt-4o', '--url', harness.url]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/log in|manage scope/i);
    const down = await omnirouteEval([
      suiteFile,
      '--target',
      'openai/gpt-4o',
      '--url',
      'http://127.0.0.1:9',
      '--key',
      key,
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach the gateway at http://127.0.0.1:9');
  });
});
