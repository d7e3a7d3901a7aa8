import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { DashboardSessionsRepository } from '../storage/repositories/dashboard-sessions-repository.js';
import { SessionStore } from './session-store.js';

let dir: string;
let storage: Storage;
const clock = { now: 1_000_000 };
let store: SessionStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omniroute-sessions-'));
  storage = await openStorage(dir);
  clock.now = 1_000_000;
  store = new SessionStore({
    repository: new DashboardSessionsRepository(storage.db),
    lifetimeMs: 1000,
    maxAgeMs: 2500,
    now: () => clock.now,
  });
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SessionStore', () => {
  it('keeps a session valid for its lifetime without renewing it in the first half', async () => {
    const { token, expiresAt } = await store.start();
    expect(expiresAt).toBe(1_001_000);
    clock.now += 400;
    expect(await store.check(token)).toMatchObject({ valid: true });
    expect(await store.check(token)).not.toHaveProperty('renewedUntil');
    clock.now += 700;
    expect(await store.check(token)).toEqual({ valid: false });
  });

  it('renews a session used after half its lifetime, never past the maximum age', async () => {
    const { token } = await store.start();
    clock.now += 600;
    expect(await store.check(token)).toMatchObject({ valid: true, renewedUntil: 1_001_600 });
    clock.now += 900; // past the original expiry, inside the renewed one
    expect(await store.check(token)).toMatchObject({ valid: true, renewedUntil: 1_002_500 });
    clock.now += 900;
    // Capped at login + maxAgeMs: no further renewal, then it ends.
    const capped = await store.check(token);
    expect(capped.valid).toBe(true);
    expect(capped).not.toHaveProperty('renewedUntil');
    clock.now += 200;
    expect(await store.check(token)).toEqual({ valid: false });
  });

  it('ends one session, or every session but one', async () => {
    const first = await store.start();
    const second = await store.start();
    const third = await store.start();
    await store.end(first.token);
    expect((await store.check(first.token)).valid).toBe(false);
    expect(await store.endOthers(third.token)).toBe(1);
    expect((await store.check(second.token)).valid).toBe(false);
    expect((await store.check(third.token)).valid).toBe(true);
    expect(await store.endOthers(undefined)).toBe(1);
    expect((await store.check(third.token)).valid).toBe(false);
  });

  it('refuses an unknown token', async () => {
    expect(await store.check('made-up')).toEqual({ valid: false });
  });

  it('keeps a session it saw valid while the database cannot answer, until its expiry', async () => {
    const seen = await store.start();
    const ended = await store.start();
    const unseen = await store.start();
    expect((await store.check(seen.token)).valid).toBe(true);
    expect((await store.check(ended.token)).valid).toBe(true);
    await store.end(ended.token);
    await storage.close(); // the database is gone from here on

    expect(await store.check(seen.token)).toMatchObject({ valid: true });
    await expect(store.check(ended.token)).rejects.toThrow();
    await expect(store.check(unseen.token)).rejects.toThrow();
    clock.now += 1000;
    await expect(store.check(seen.token)).rejects.toThrow();
  });
});
