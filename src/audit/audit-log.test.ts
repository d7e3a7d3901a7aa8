import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../observability/logger.js';
import { openStorage, type Storage } from '../storage/database.js';
import { AuditLogRepository } from '../storage/repositories/audit-log-repository.js';
import { AuditLog } from './audit-log.js';

let dir: string;
let storage: Storage;
let repository: AuditLogRepository;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'omniroute-audit-'));
  storage = await openStorage(dir);
  repository = new AuditLogRepository(storage.db);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AuditLog', () => {
  it('queues entries off the caller, redacts them, and writes them on close', async () => {
    const audit = new AuditLog({ repository, logger: silentLogger(), flushIntervalMs: 60_000, now: () => 42 });
    audit.record({ actor: 'dashboard', ip: '127.0.0.1', action: 'provider.create', details: { apiKey: 'sk-x', n: 1 } });
    expect(audit.pending).toBe(1);
    expect(await repository.list({ limit: 10 })).toEqual([]);
    await audit.close();
    expect(await repository.list({ limit: 10 })).toEqual([
      {
        id: 1,
        created_at: 42,
        actor: 'dashboard',
        ip: '127.0.0.1',
        action: 'provider.create',
        target: null,
        details: '{"apiKey":"[redacted]","n":1}',
      },
    ]);
  });
});

describe('AuditLogRepository.list', () => {
  beforeEach(async () => {
    await repository.insertMany([
      { created_at: 1000, actor: 'anonymous', ip: null, action: 'login.failure', target: null, details: null },
      { created_at: 2000, actor: 'dashboard', ip: null, action: 'login.success', target: null, details: null },
      { created_at: 3000, actor: 'dashboard', ip: null, action: 'provider.create', target: 'p1', details: null },
      { created_at: 4000, actor: 'key:ops', ip: null, action: 'provider_x.odd', target: null, details: null },
    ]);
  });
  const actions = async (query: Parameters<AuditLogRepository['list']>[0]) =>
    (await repository.list(query)).map((row) => row.action);

  it('answers newest first, paged by id', async () => {
    expect(await actions({ limit: 2 })).toEqual(['provider_x.odd', 'provider.create']);
    expect(await actions({ limit: 2, before: 3 })).toEqual(['login.success', 'login.failure']);
  });

  it('filters by action prefix (wildcard characters match themselves), actor and time range', async () => {
    expect(await actions({ limit: 10, action: 'login.' })).toEqual(['login.success', 'login.failure']);
    expect(await actions({ limit: 10, action: 'provider_' })).toEqual(['provider_x.odd']);
    expect(await actions({ limit: 10, action: '%' })).toEqual([]);
    expect(await actions({ limit: 10, actor: 'dashboard' })).toEqual(['provider.create', 'login.success']);
    expect(await actions({ limit: 10, since: 2000, until: 4000 })).toEqual(['provider.create', 'login.success']);
  });
});
