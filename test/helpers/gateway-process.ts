import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPassword } from './gateway-harness.js';

/** The built `omniroute` command (`npm test` builds dist/ before vitest; locally run `npm run build` first). */
const bin = join(import.meta.dirname, '..', '..', 'bin', 'omniroute.js');

export interface GatewayProcess {
  /** `http://127.0.0.1:PORT`, without `/v1`. */
  url: string;
  pid: number;
  dataDir: string;
  /** What the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** JSON call to the management API, authenticated with the session cookie (as the in-process harness does). */
  manage(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** SIGTERM (graceful shutdown), SIGKILL if it is still there after `graceMs`; removes its data folder. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * A real gateway process (`omniroute start --port 0`) with its own data folder, `INITIAL_PASSWORD` set to the
 * harness's test password, and `env` on top of the test runner's environment; resolves once it listens and its
 * management session is open. Settings are left alone: with a shared database, one process sets them for all.
 */
export async function startGatewayProcess(
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<GatewayProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-process-'));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'warn', INITIAL_PASSWORD: testPassword, ...options.env },
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    // Keep the tail only: a long test must not grow this without bound.
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  try {
    const url = await readyUrl(child, () => output, options.timeoutMs ?? 30_000);
    const cookie = await logIn(url);
    return {
      url,
      pid: child.pid ?? 0,
      dataDir,
      output: () => output,
      manage: (method, path, body) => manage(url, cookie, method, path, body),
      async stop(graceMs = 5000) {
        await stopChild(child, graceMs);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child, 1000);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function readyUrl(child: ChildProcessWithoutNullStreams, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway did not start within ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /API base URL:\s+(http:\/\/\S+?)\/v1\b/.exec(output());
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${signal ?? code}) before it was ready:\n${output()}`));
    });
  });
}

async function logIn(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: testPassword }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (login.status !== 200 || cookie === undefined)
    throw new Error(`login failed: ${login.status} ${await login.text()}`);
  return cookie;
}

async function manage(url: string, cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function stopChild(child: ChildProcessWithoutNullStreams, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
