import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';

let harness: GatewayHarness;

beforeAll(async () => {
  harness = await startHarness({ allowPrivateBaseUrls: false });
});
afterAll(async () => {
  await harness.stop();
});

const create = (baseUrl: string, provider = 'openai') =>
  harness.manage('POST', '/api/providers', { provider, apiKey: 'sk-x', baseUrl });

// Nothing here is ever called: the guard refuses at save time, and accepted URLs are only stored.
describe('SSRF guard on provider base URLs', () => {
  it.each([
    ['http://127.0.0.1:8080/v1', 'loopback'],
    ['http://10.0.0.5:8000/v1', 'private'],
    ['http://172.20.1.1/v1', 'private'],
    ['http://192.168.1.10/v1', 'private'],
    ['http://100.64.0.1/v1', 'carrier-grade NAT'],
    ['http://169.254.169.254/latest/meta-data', 'cloud metadata'],
    ['http://169.254.1.1/v1', 'link-local'],
    ['http://0.0.0.0:8080/v1', 'unspecified'],
    ['http://[::1]:8080/v1', 'loopback'],
    ['http://[::]/v1', 'unspecified'],
    ['http://[fd00:ec2::254]/latest', 'cloud metadata'],
    ['http://[fc00::1]/v1', 'private'],
    ['http://[fe80::1]/v1', 'link-local'],
    ['http://[::ffff:127.0.0.1]/v1', 'loopback'],
    ['http://2130706433/v1', 'loopback'],
    ['http://metadata.google.internal/computeMetadata/v1', 'cloud metadata'],
    ['http://localhost:8080/v1', 'loopback'],
  ])('refuses %s (%s) with 422 naming baseUrl', async (baseUrl, kind) => {
    const { status, body } = await create(baseUrl);
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'url_not_allowed', param: 'baseUrl' });
    expect(body.error.message).toContain(kind);
  });

  it('says which address a host name resolved to', async () => {
    const { body } = await create('http://localhost:11434');
    expect(body.error.message).toContain('localhost (127.0.0.1)');
  });

  it('accepts public addresses, and private ones for local providers', async () => {
    expect((await create('https://203.0.113.10/v1')).status).toBe(201);
    expect((await create('http://127.0.0.1:11434', 'ollama')).status).toBe(201);
    expect((await create('http://10.0.0.5:8000/v1', 'vllm')).status).toBe(201);
    expect((await create('http://localhost:1234/v1', 'lm-studio')).status).toBe(201);
  });

  it('checks updates, provider nodes and validation too', async () => {
    const { body: connection } = await create('https://203.0.113.11/v1');
    const update = await harness.manage('PUT', `/api/providers/${connection.id}`, { baseUrl: 'http://192.168.0.2/v1' });
    expect(update.status).toBe(422);
    expect(update.body.error.param).toBe('baseUrl');

    const node = { name: 'LAN', prefix: 'lan', apiType: 'openai', baseUrl: 'http://10.1.1.1:8000/v1' };
    const refused = await harness.manage('POST', '/api/provider-nodes', node);
    expect(refused.status).toBe(422);
    const created = await harness.manage('POST', '/api/provider-nodes', {
      ...node,
      baseUrl: 'https://203.0.113.12/v1',
    });
    expect(created.status).toBe(201);
    const moved = await harness.manage('PUT', `/api/provider-nodes/${created.body.id}`, { baseUrl: 'http://[::1]/v1' });
    expect(moved.status).toBe(422);

    const { body } = await harness.manage('POST', '/api/providers/validate', {
      provider: 'openai',
      apiKey: 'k',
      baseUrl: 'http://169.254.169.254/',
    });
    expect(body.valid).toBe(false);
    expect(body.errors).toEqual([{ field: 'baseUrl', message: expect.stringContaining('cloud metadata') }]);
  });

  it('lets private addresses through once the user allows them in settings', async () => {
    const allowed = await harness.manage('PATCH', '/api/settings', { allowPrivateBaseUrls: true });
    expect(allowed.status).toBe(200);
    try {
      expect((await create('http://192.168.1.20/v1')).status).toBe(201);
      const node = { name: 'LAN 2', prefix: 'lan2', apiType: 'openai', baseUrl: 'http://10.1.1.2:8000/v1' };
      expect((await harness.manage('POST', '/api/provider-nodes', node)).status).toBe(201);
    } finally {
      await harness.manage('PATCH', '/api/settings', { allowPrivateBaseUrls: false });
    }
  });
});

describe('SSRF guard on the config file', () => {
  it('refuses a private node at start-up unless the file allows private URLs in its settings section', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'omniroute-ssrf-'));
    const file = join(folder, 'omniroute.yaml');
    const nodes = [
      'nodes:',
      '  - { name: Office, prefix: office, apiType: openai, baseUrl: "http://10.0.0.5:8000/v1" }',
    ];
    try {
      writeFileSync(file, nodes.join('\n'));
      await expect(startHarness({ env: { OMNIROUTE_CONFIG: file } })).rejects.toThrow(
        /nodes 'Office'.*private address: 10\.0\.0\.5/,
      );
      writeFileSync(file, ['settings: { allowPrivateBaseUrls: true }', ...nodes].join('\n'));
      const instance = await startHarness({ env: { OMNIROUTE_CONFIG: file }, allowPrivateBaseUrls: false });
      try {
        const { body } = await instance.manage('GET', '/api/provider-nodes');
        expect(body.nodes).toEqual([expect.objectContaining({ prefix: 'office' })]);
      } finally {
        await instance.stop();
      }
      writeFileSync(file, 'settings: { allowPrivateUrls: true }\n');
      await expect(startHarness({ env: { OMNIROUTE_CONFIG: file } })).rejects.toThrow(/allowPrivateUrls/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
