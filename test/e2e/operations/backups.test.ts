import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../../helpers/gateway-harness.js';
import { readTarGz } from '../../helpers/read-tar.js';
import { waitForRestart } from './wait-for-restart.js';

const upstreamSecret = 'sk-backup-test-secret-0123456789';
let harness: GatewayHarness;
let adminKey: string;

beforeAll(async () => {
  harness = await startHarness();
  const { body } = await harness.manage('POST', '/api/keys', { name: 'ops', scopes: ['manage'] });
  adminKey = body.key;
});
afterAll(async () => {
  await harness.stop();
});

const backupsDir = () => join(harness.dataDir, 'db_backups');
const call = (path: string, init: RequestInit = {}) =>
  fetch(`${harness.url}${path}`, { ...init, headers: { authorization: `Bearer ${adminKey}`, ...init.headers } });

async function upload(bytes: Uint8Array, filename = 'backup.sqlite'): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  const response = await call('/api/db-backups/import', { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

/** What a user would compare: accounts, keys, aliases, combos and settings as the API shows them. */
async function configuration(): Promise<unknown> {
  const [providers, keys, aliases, combos, settings] = await Promise.all(
    ['/api/providers', '/api/keys', '/api/models/alias', '/api/combos', '/api/settings'].map(
      async (path) => (await harness.manage('GET', path)).body,
    ),
  );
  return { providers, keys, aliases, combos, settings };
}

/** Raw rows of the configuration tables, read from a database file. */
function tableRows(path: string): Record<string, unknown[]> {
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = ['connections', 'api_keys', 'model_aliases', 'combos', 'provider_nodes'];
    return Object.fromEntries(
      tables.map((table) => [table, sqlite.prepare(`select * from ${table} order by 1`).all()]),
    );
  } finally {
    sqlite.close();
  }
}

describe('backup access and input', () => {
  it('is closed without login, to a client-only key, and names bad fields', async () => {
    expect((await fetch(`${harness.url}/api/db-backups`)).status).toBe(401);
    const { body: plain } = await harness.manage('POST', '/api/keys', { name: 'client-only' });
    const forbidden = await fetch(`${harness.url}/api/db-backups/export`, {
      headers: { authorization: `Bearer ${plain.key}` },
    });
    expect(forbidden.status).toBe(403);

    const missing = await harness.manage('POST', '/api/db-backups', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('name');
    const unknown = await harness.manage('POST', '/api/db-backups', {
      name: 'omniroute_2020-01-01T00-00-00-000Z_manual.sqlite',
    });
    expect(unknown.status).toBe(404);
    const traversal = await harness.manage('POST', '/api/db-backups', { name: '../storage.sqlite' });
    expect(traversal.status).toBe(404);
    const badSetting = await harness.manage('PATCH', '/api/settings', { backups: { retention: 0 } });
    expect(badSetting.status).toBe(400);
    expect(badSetting.body.error.param).toBe('backups.retention');
  });
});

describe('backup and restore', () => {
  it('restores a backup: the data is identical to the backup, with a safety backup of what it replaced', async () => {
    const connection = await harness.connect({ provider: 'openai', name: 'main', apiKey: upstreamSecret });
    await harness.manage('POST', '/api/models/alias', { alias: 'fast', target: 'openai/gpt-4.1-mini' });
    const saved = await configuration();

    const made = await harness.manage('PUT', '/api/db-backups');
    expect(made.status).toBe(201);
    expect(made.body.backup).toMatchObject({
      reason: 'manual',
      name: expect.stringMatching(/^omniroute_.*_manual\.sqlite$/),
    });
    expect(made.body.backup.size).toBeGreaterThan(0);
    const { body: listed } = await harness.manage('GET', '/api/db-backups');
    expect(listed).toMatchObject({ retention: 10, autoIntervalMinutes: 60 });
    expect(listed.backups[0]).toEqual(made.body.backup);

    // Change everything the backup holds.
    await harness.manage('DELETE', `/api/providers/${connection.id}`);
    await harness.connect({ provider: 'deepseek', apiKey: 'sk-other' });
    await harness.manage('POST', '/api/models/alias', { alias: 'slow', target: 'deepseek/deepseek-chat' });
    await harness.manage('PATCH', '/api/settings', { allowPrivateBaseUrls: true });
    expect(await configuration()).not.toEqual(saved);

    const before = harness.gateway.app;
    const restore = await harness.manage('POST', '/api/db-backups', { name: made.body.backup.name });
    expect(restore.status).toBe(202);
    expect(restore.body).toMatchObject({ status: 'restoring', restoring: made.body.backup.name });
    await waitForRestart(harness, before);

    expect(await configuration()).toEqual(saved);
    expect(tableRows(join(harness.dataDir, 'storage.sqlite'))).toEqual(
      tableRows(join(backupsDir(), made.body.backup.name)),
    );
    const { body: after } = await harness.manage('GET', '/api/db-backups');
    expect(after.backups[0]).toMatchObject({ name: restore.body.safetyBackup, reason: 'pre-restore' });
  });

  it('keeps only the newest `retention` backups', async () => {
    await harness.manage('PATCH', '/api/settings', { backups: { retention: 3 } });
    const names: string[] = [];
    for (let index = 0; index < 5; index += 1)
      names.push((await harness.manage('PUT', '/api/db-backups')).body.backup.name);
    const { body } = await harness.manage('GET', '/api/db-backups');
    expect(body.backups.map((backup: { name: string }) => backup.name)).toEqual(names.slice(-3).reverse());
    await harness.manage('PATCH', '/api/settings', { backups: { retention: 10 } });
  });
});

describe('export and import', () => {
  it('exports a .sqlite that opens, holds the data and no plaintext secret', async () => {
    const response = await call('/api/db-backups/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="omniroute-.*\.sqlite"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.includes(upstreamSecret)).toBe(false);
    const file = join(tmpdir(), `omniroute-export-${process.pid}.sqlite`);
    writeFileSync(file, bytes);
    try {
      const sqlite = new BetterSqlite3(file, { readonly: true });
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare("select name from connections where provider = 'openai'").pluck().all()).toEqual(['main']);
      sqlite.close();
    } finally {
      rmSync(file, { force: true });
    }
    // The temporary copy goes once the download stream closes.
    await expect
      .poll(() => readdirSync(backupsDir()).filter((name) => name.endsWith('.tmp')), { timeout: 2000 })
      .toEqual([]);
  });

  it('exports everything as a .tar.gz: database, redacted settings and a manifest, never the key', async () => {
    const response = await call('/api/db-backups/exportAll');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    const archive = Buffer.from(await response.arrayBuffer());
    const files = readTarGz(archive);
    expect(files.map((file) => file.name)).toEqual(['manifest.json', 'settings.json', 'omniroute.sqlite']);

    const manifest = JSON.parse(files[0]!.data.toString());
    expect(manifest).toMatchObject({ format: 'omniroute-export', version: expect.any(String) });
    expect(manifest.counts).toMatchObject({ connections: 1, api_keys: expect.any(Number) });
    expect(manifest.migrations).toContain('0001-initial');
    const settings = JSON.parse(files[1]!.data.toString());
    expect(settings['auth.passwordHash']).toBe('[redacted]');
    expect(settings.app).toMatchObject({ backups: { retention: 10 } });
    expect(files[2]!.data.subarray(0, 15).toString()).toBe('SQLite format 3');

    const storageKey = readFileSync(join(harness.dataDir, 'storage.key'), 'utf8').trim();
    const everything = Buffer.concat(files.map((file) => file.data));
    expect(everything.includes(storageKey)).toBe(false);
    expect(everything.includes(upstreamSecret)).toBe(false);
  });

  it('refuses a corrupt file, a foreign database and a non-multipart body, changing nothing', async () => {
    const saved = await configuration();
    const backupsBefore = readdirSync(backupsDir()).sort();

    const garbage = await upload(Buffer.from('this is not a database at all, just text '.repeat(200)));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatchObject({ param: 'file' });
    expect(garbage.body.error.message).toMatch(/cannot be restored: .*Nothing was changed/);

    const foreignFile = join(tmpdir(), `omniroute-foreign-${process.pid}.sqlite`);
    const foreign = new BetterSqlite3(foreignFile);
    foreign.exec('create table notes (id integer primary key, text text)');
    foreign.close();
    const notOurs = await upload(readFileSync(foreignFile));
    rmSync(foreignFile, { force: true });
    expect(notOurs.status).toBe(400);
    expect(notOurs.body.error.message).toContain('not an OmniRoute database');

    const json = await call('/api/db-backups/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);

    await harness.manage('PATCH', '/api/settings', { backups: { maxImportMb: 1 } });
    const tooLarge = await upload(Buffer.alloc(1024 * 1024 + 1, 1));
    await harness.manage('PATCH', '/api/settings', { backups: { maxImportMb: 512 } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ param: 'file', message: expect.stringContaining('1 MB import limit') });

    expect(await configuration()).toEqual(saved);
    expect(readdirSync(backupsDir()).sort()).toEqual(backupsBefore);
  });

  it('imports an exported database: the gateway restarts on it', async () => {
    const exported = Buffer.from(await (await call('/api/db-backups/export')).arrayBuffer());
    const saved = await configuration();
    await harness.manage('POST', '/api/models/alias', { alias: 'later', target: 'openai/gpt-4.1' });

    const before = harness.gateway.app;
    const imported = await upload(exported);
    expect(imported.status).toBe(202);
    expect(imported.body.safetyBackup).toMatch(/_pre-import\.sqlite$/);
    await waitForRestart(harness, before);
    expect(await configuration()).toEqual(saved);
  });
});
