import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface RedisProcess {
  /** `redis://127.0.0.1:PORT/0`: the same URL across restarts. */
  url: string;
  port: number;
  /** Whether the server is running right now. */
  readonly running: boolean;
  /** Stops the server (SIGTERM, SIGKILL after a grace period); its data is gone (no persistence). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, as a Redis that crashed and came back. */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free loopback port, without persistence, that the test may stop and restart:
 * an outage the test controls without disturbing the shared test Redis other suites use. Needs `redis-server` on PATH
 * (`.ci/run` installs it).
 */
export async function startRedisProcess(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    const spawned = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = spawned;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      };
      spawned.stdout?.on('data', onData);
      spawned.stderr?.on('data', onData);
      spawned.once('error', (error) => reject(new Error(`redis-server could not be started: ${error.message}`)));
      spawned.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  };

  const stop = async () => {
    const current = child;
    child = undefined;
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return;
    const exited = once(current, 'exit');
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    stop,
    start,
  };
}

/** Whether `redis-server` can be run here (in CI it must: `.ci/run` installs it, and a test should fail, not skip). */
export function redisServerAvailable(): boolean {
  const probe = spawnSync('redis-server', ['--version']);
  return probe.error === undefined && probe.status === 0;
}

/** A port that was free a moment ago (the OS picks it; a tiny race with other processes is acceptable in tests). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
