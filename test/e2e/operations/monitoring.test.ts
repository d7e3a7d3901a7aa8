import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness, testPassword } from '../../helpers/gateway-harness.js';

const upstreamSecret = 'sk-monitoring-secret-abcdef987654';
let harness: GatewayHarness;

beforeAll(async () => {
  harness = await startHarness({ env: { STORAGE_ENCRYPTION_KEY: 'monitoring test encryption key' } });
  await harness.connect({ provider: 'openai', name: 'main', apiKey: upstreamSecret });
  await harness.connect({ provider: 'anthropic', name: 'off', apiKey: upstreamSecret, isActive: false });
});
afterAll(async () => {
  await harness.stop();
});

/** Every secret the gateway knows, none of which may appear in a diagnostics answer. */
function secrets(): string[] {
  return [upstreamSecret, testPassword, 'monitoring test encryption key'];
}

describe('GET /api/monitoring/health', () => {
  it('reports status, uptime, version, memory, database and provider counts', async () => {
    const { status, body } = await harness.manage('GET', '/api/monitoring/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      version: JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')).version,
      memory: { rss: expect.any(Number), heapUsed: expect.any(Number) },
      database: {
        ok: true,
        engine: 'sqlite',
        location: join(harness.dataDir, 'storage.sqlite'),
        sizeBytes: expect.any(Number),
      },
      configuredCount: 2,
      activeCount: 1,
      monitoredCount: 0,
      breakers: [],
      cooldowns: [],
    });
    expect(body.catalogCount).toBeGreaterThan(10);
    expect(body.database.sizeBytes).toBeGreaterThan(0);
  });

  it('names the backend of each concern: SQLite and this process without DATABASE_URL and REDIS_URL', async () => {
    const { body } = await harness.manage('GET', '/api/monitoring/health');
    const local = { backend: 'local', status: 'up', serving: 'local' };
    expect(body.backends).toEqual({
      storage: { backend: 'sqlite', status: 'up' },
      rateLimits: local,
      budgets: local,
      cooldowns: local,
      sessionPins: local,
      idempotency: local,
      responseCache: local,
    });
  });

  it('counts providers with a breaker or a cooldown as monitored', async () => {
    const runtime = harness.gateway.runtime;
    const [connection] = (await harness.manage('GET', '/api/providers')).body.connections;
    runtime.breakers.recordFailure('groq');
    runtime.cooldowns.recordFailure(connection.id, { reason: 'rate_limited', retryAfterMs: 60_000 });
    try {
      const { body } = await harness.manage('GET', '/api/monitoring/health');
      expect(body.monitoredCount).toBe(2);
      expect(body.breakers).toEqual([expect.objectContaining({ provider: 'groq', failures: 1 })]);
      expect(body.cooldowns).toEqual([expect.objectContaining({ connectionId: connection.id })]);
    } finally {
      runtime.breakers.reset();
      runtime.cooldowns.clear();
    }
  });

  it('is closed without login', async () => {
    expect((await fetch(`${harness.url}/api/monitoring/health`)).status).toBe(401);
    expect((await fetch(`${harness.url}/api/system-info`)).status).toBe(401);
  });
});

describe('GET /api/system-info', () => {
  it('is a diagnostics report with no secret anywhere', async () => {
    const { status, body } = await harness.manage('GET', '/api/system-info');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      version: expect.any(String),
      runtime: { node: process.version, platform: process.platform },
      dataDir: harness.dataDir,
      config: { encryptionKeySource: 'environment', initialPasswordSet: true, requireApiKey: false },
      database: { migrations: expect.arrayContaining(['0001-initial']), journalMode: 'wal' },
      counts: { connections: 2, api_keys: 0 },
      settings: { requireLogin: true, backups: { retention: 10 } },
      memory: { rss: expect.any(Number) },
      uptimeSeconds: expect.any(Number),
    });
    const text = JSON.stringify(body);
    for (const secret of secrets()) expect(text).not.toContain(secret);
    const health = JSON.stringify((await harness.manage('GET', '/api/monitoring/health')).body);
    for (const secret of secrets()) expect(health).not.toContain(secret);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents management and client routes from the route registry, with zod body schemas', async () => {
    const { status, body } = await harness.manage('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const paths = Object.keys(body.paths);
    for (const path of [
      '/api/providers/{id}',
      '/api/db-backups',
      '/api/db-backups/import',
      '/api/monitoring/health',
      '/api/restart',
      '/v1/chat/completions',
      '/v1/messages',
      '/v1beta/models/{path}',
    ]) {
      expect(paths).toContain(path);
    }
    const restore = body.paths['/api/db-backups'].post;
    expect(restore.tags).toEqual(['management']);
    expect(restore.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(restore.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
    });
    expect(body.paths['/api/providers/{id}'].get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(body.paths['/v1/messages'].post.tags).toEqual(['client']);
    expect(body.paths['/v1/messages'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'messages',
    );
    expect(body.paths['/api/auth/login'].post.security).toEqual([]);
    expect(body.paths['/health'].get.security).toEqual([]);
  });
});
