import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../helpers/gateway-harness.js';

/** Runs the built `omniroute` command (npm test builds before running vitest). */
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'omniroute.js');
const run = promisify(execFile);
const omniroute = (args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env } });

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('omniroute backup / restore', () => {
  it('backs up a running gateway, refuses to restore under it, and restores once it is stopped', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'omniroute-cli-empty-'));
    folders.push(empty);
    await expect(omniroute(['backup', '--data-dir', empty])).rejects.toThrow(/No database at/);

    const first = await startHarness();
    folders.push(first.dataDir);
    await first.connect({ provider: 'openai', name: 'main', apiKey: 'sk-cli-backup' });
    const { stdout } = await omniroute(['backup', '--data-dir', first.dataDir]);
    const path = /Backup written: (\S+) \(/.exec(stdout)?.[1];
    expect(path).toMatch(/db_backups\/omniroute_.*_cli\.sqlite$/);
    expect(existsSync(path!)).toBe(true);
    const name = path!.split('/').at(-1)!;

    await expect(omniroute(['restore', name, '--data-dir', first.dataDir])).rejects.toThrow(/is serving/);
    const { body: listed } = await first.manage('GET', '/api/providers');
    await first.manage('DELETE', `/api/providers/${listed.connections[0].id}`);
    await first.stop({ keepData: true });

    const corrupt = join(first.dataDir, 'corrupt.sqlite');
    writeFileSync(corrupt, 'garbage '.repeat(1000));
    await expect(omniroute(['restore', corrupt, '--data-dir', first.dataDir])).rejects.toThrow(
      /cannot be restored: .*Nothing was changed/,
    );
    await expect(omniroute(['restore', '--data-dir', first.dataDir])).rejects.toThrow(/Usage: omniroute restore/);

    const restored = await omniroute(['restore', name, '--data-dir', first.dataDir]);
    expect(restored.stdout).toContain(`Restored ${name}`);
    expect(restored.stdout).toMatch(/previous database was saved as .*_cli-pre-restore\.sqlite/);

    const second = await startHarness({ dataDir: first.dataDir });
    try {
      const { body } = await second.manage('GET', '/api/providers');
      expect(body.connections.map((connection: { name: string }) => connection.name)).toEqual(['main']);
    } finally {
      await second.stop({ keepData: true });
    }
    // Seven commands and two gateway starts: generous on a loaded machine.
  }, 90_000);

  it('under `omniroute start`, restarts in place and exits 0 on POST /api/shutdown', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-cli-life-'));
    folders.push(dataDir);
    const { stdout: created } = await omniroute([
      'keys',
      'create',
      '--name',
      'ops',
      '--scope',
      'manage',
      '--data-dir',
      dataDir,
    ]);
    const key = created.trim().split('\n').at(-1)!;
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /API base URL:\s+(http:\/\/\S+)\/v1/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const post = (path: string) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });

    expect((await post('/api/restart')).status).toBe(202);
    await expect
      .poll(
        async () =>
          (
            await fetch(`${url}/api/monitoring/health`, { headers: { authorization: `Bearer ${key}` } }).catch(
              () => undefined,
            )
          )?.status,
        {
          timeout: 30_000,
          interval: 100,
        },
      )
      .toBe(200);
    expect((await post('/api/shutdown')).status).toBe(202);
    expect(await exited).toBe(0);
    expect(output).toContain('Shut down through the management API.');
  }, 90_000);
});
