import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { type GatewayLifecycle, superviseGateway } from './gateway-supervisor.js';
import { liveServerLock } from './server-lock.js';

interface FakeInstance {
  app: FastifyInstance;
  url: string;
  generation: number;
  close(): Promise<void>;
}

let dir: string;
let opened: Array<{ port: number | undefined; database: string }>;
let failures: number;
let closes: number;
let lifecycle: GatewayLifecycle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omniroute-supervisor-'));
  writeFileSync(join(dir, 'storage.sqlite'), 'original');
  opened = [];
  failures = 0;
  closes = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function start() {
  return superviseGateway<FakeInstance>({
    dataDir: dir,
    databasePath: join(dir, 'storage.sqlite'),
    logger: silentLogger(),
    async open(given, port) {
      lifecycle = given;
      const database = readFileSync(join(dir, 'storage.sqlite'), 'utf8');
      opened.push({ port, database });
      if (database === 'broken' || failures-- > 0) throw new Error('cannot start');
      const instance: FakeInstance = {
        app: { server: { address: () => ({ port: 4321 }) } } as unknown as FastifyInstance,
        url: 'http://127.0.0.1:4321',
        generation: opened.length,
        close: async () => {
          closes += 1;
        },
      };
      return instance;
    },
  });
}

describe('superviseGateway', () => {
  it('restarts in place on the same port and refreshes the handle', async () => {
    const gateway = await start();
    expect(liveServerLock(dir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:4321' });
    await lifecycle.restart();
    expect(opened.map((entry) => entry.port)).toEqual([undefined, 4321]);
    expect(gateway.generation).toBe(2);
    await gateway.close();
    await expect(gateway.stopped).resolves.toEqual({ reason: 'closed' });
    expect(liveServerLock(dir)).toBeUndefined();
  });

  it('swaps the database during a restart, and puts the safety backup back when it cannot start', async () => {
    const gateway = await start();
    const source = join(dir, 'restore.tmp');
    const fallback = join(dir, 'safety.sqlite');
    writeFileSync(source, 'broken');
    writeFileSync(fallback, 'safety');
    let cleaned = false;
    await lifecycle.restart({ source, fallback, cleanup: () => (cleaned = true) });
    expect(opened.map((entry) => entry.database)).toEqual(['original', 'broken', 'safety']);
    expect(readFileSync(join(dir, 'storage.sqlite'), 'utf8')).toBe('safety');
    expect(cleaned).toBe(true);
    expect(gateway.generation).toBe(3);
    await gateway.close();
  });

  it('stops for good when it cannot start again', async () => {
    const gateway = await start();
    failures = 1;
    await lifecycle.restart();
    await expect(gateway.stopped).resolves.toMatchObject({ reason: 'restart-failed' });
    await lifecycle.restart(); // ignored once stopped
    expect(opened).toHaveLength(2);
  });

  it('shuts down once', async () => {
    const gateway = await start();
    await Promise.all([lifecycle.shutdown(), gateway.close()]);
    await expect(gateway.stopped).resolves.toEqual({ reason: 'shutdown' });
    expect(closes).toBe(1);
  });
});
