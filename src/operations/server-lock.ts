import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `DATA_DIR/server.lock`: which process serves this data folder, so `omniroute restore` can refuse to pull the
 * database from under a running gateway. A lock left by a crash is ignored once its process is gone.
 */
export interface ServerLock {
  pid: number;
  url: string;
  startedAt: string;
}

const lockSchema = z.object({ pid: z.number().int().positive(), url: z.string(), startedAt: z.string() });

function lockPath(dataDir: string): string {
  return join(dataDir, 'server.lock');
}

export function writeServerLock(dataDir: string, url: string): void {
  const lock: ServerLock = { pid: process.pid, url, startedAt: new Date().toISOString() };
  writeFileSync(lockPath(dataDir), `${JSON.stringify(lock)}\n`, { mode: 0o600 });
}

/** Removes the lock if this process wrote it (a second gateway on the same folder must not delete the first's). */
export function removeServerLock(dataDir: string): void {
  if (readServerLock(dataDir)?.pid === process.pid) rmSync(lockPath(dataDir), { force: true });
}

/** The lock of a gateway that is still running, if any. */
export function liveServerLock(dataDir: string): ServerLock | undefined {
  const lock = readServerLock(dataDir);
  return lock !== undefined && isAlive(lock.pid) ? lock : undefined;
}

function readServerLock(dataDir: string): ServerLock | undefined {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(readFileSync(lockPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
