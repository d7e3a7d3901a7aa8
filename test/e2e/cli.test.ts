import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

/** These tests run the built `omniroute` command (npm test builds before running vitest). */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'omniroute.js');
const run = promisify(execFile);
const omniroute = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });

let dataDir: string;
let mock: MockUpstream;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omniroute-cli-'));
  mock = await startMockUpstream();
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await mock.close();
});

function startServer(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API base URL:\s+(http:\/\/\S+)\/v1/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe('omniroute command', () => {
  it('prints help', async () => {
    const { stdout } = await omniroute(['--help']);
    expect(stdout).toContain('omniroute start [--port 20128]');
    expect(stdout).toContain('keys create');
  });

  it('creates, lists and revokes keys on the database directly', async () => {
    const { stdout: created } = await omniroute([
      'keys',
      'create',
      '--name',
      'ci',
      '--scope',
      'manage',
      '--data-dir',
      dataDir,
    ]);
    const key = created.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^sk-omni-/);
    const { stdout: listed } = await omniroute(['keys', 'list', '--data-dir', dataDir]);
    expect(listed).toContain('ci');
    expect(listed).toContain('[manage]');
    expect(listed).not.toContain(key);
    const { stdout: revoked } = await omniroute(['keys', 'revoke', 'ci', '--data-dir', dataDir]);
    expect(revoked).toContain("Revoked key 'ci'");
    await expect(omniroute(['keys', 'revoke', 'ci', '--data-dir', dataDir])).rejects.toThrow(/No active key/);
  });

  it('starts on a new data folder, warns on a public host without keys, and shuts down gracefully', async () => {
    const folder = join(dataDir, 'fresh');
    const server = await startServer(['--host', '0.0.0.0', '--data-dir', folder], { INITIAL_PASSWORD: 'pw-123456' });
    expect(server.output()).toContain(`Data folder:   ${folder}`);
    expect(server.output()).toContain('WARNING: listening on 0.0.0.0');
    const port = new URL(server.url).port;
    const url = `http://127.0.0.1:${port}`;

    const { stdout } = await omniroute([
      'keys',
      'create',
      '--name',
      'admin',
      '--scope',
      'manage',
      '--data-dir',
      folder,
    ]);
    const key = stdout.trim().split('\n').at(-1)!;
    // The running server notices keys written by another process (PRAGMA data_version polling).
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    let status = 0;
    for (let attempt = 0; attempt < 30 && status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The mock listens on loopback, which the SSRF guard refuses by default.
      const body = JSON.stringify({ allowPrivateBaseUrls: true });
      status = (await fetch(`${url}/api/settings`, { method: 'PATCH', headers, body })).status;
    }
    expect(status).toBe(200);
    const created = await fetch(`${url}/api/providers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ provider: 'openai', apiKey: 'sk-up', baseUrl: `${mock.url}/v1` }),
    });
    expect(created.status).toBe(201);

    // A slow request in flight when SIGTERM arrives still completes, and its log row is flushed.
    const inFlight = fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4.1',
        messages: [{ role: 'user', content: 'slow [[mock:delay=400]]' }],
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve));
    server.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);

    const db = new BetterSqlite3(join(folder, 'storage.sqlite'), { readonly: true });
    const rows = db.prepare('select model_requested, status from request_logs').all();
    db.close();
    expect(rows).toEqual([{ model_requested: 'openai/gpt-4.1', status: 200 }]);
  });

  it('stops with a clear message on a corrupt database', async () => {
    const folder = join(dataDir, 'corrupt');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'storage.sqlite'), Buffer.alloc(4096, 1));
    const failure = await omniroute(['start', '--port', '0', '--data-dir', folder]).catch(
      (error: { stderr: string; code: number }) => error,
    );
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/cannot be read/);
  });

  it('stops with one clear line, password hidden, when PostgreSQL cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const databaseUrl = 'postgres://omniroute:hunter2-secret@127.0.0.1:1/omniroute';
    const failure = await omniroute(['start', '--port', '0', '--data-dir', join(dataDir, 'unreachable')], {
      DATABASE_URL: databaseUrl,
    }).catch((error: { stderr: string; code: number }) => error);
    const { code, stderr } = failure as { stderr: string; code: number };
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'omniroute start: Cannot connect to PostgreSQL at postgres://omniroute:***@127.0.0.1:1/omniroute: ' +
        'connect ECONNREFUSED 127.0.0.1:1. Check DATABASE_URL.',
    ]);
    expect(stderr).not.toContain('hunter2');
  });
});
