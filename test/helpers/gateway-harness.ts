import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { type RunningGateway, startGateway } from '../../src/server.js';

export const testPassword = 'test-password-1234';

export interface GatewayHarness {
  gateway: RunningGateway;
  url: string;
  dataDir: string;
  config: Config;
  /** JSON call to the management API, authenticated with the session cookie. */
  manage(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Adds a connection and returns its view. */
  connect(input: Record<string, unknown>): Promise<any>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * A real gateway on a free loopback port with a fresh data folder, logged in to the management API. Tests point
 * providers at the loopback mock upstream, so the SSRF guard is relaxed (`allowPrivateBaseUrls`) unless a test
 * asks for it with `allowPrivateBaseUrls: false`.
 */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    dataDir?: string;
    allowPrivateBaseUrls?: boolean;
    /** Config overrides (short session lifetimes, login throttle settings). */
    config?: Partial<Config>;
  } = {},
): Promise<GatewayHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'omniroute-test-'));
  const env = { INITIAL_PASSWORD: testPassword, ...options.env };
  const config = { ...loadConfig(env, { dataDir, port: 0 }), shutdownGraceMs: 2000, ...options.config };
  const gateway = await startGateway(config, silentLogger(), env);
  const login = await fetch(`${gateway.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: testPassword }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';

  const manage = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const allowPrivateBaseUrls = options.allowPrivateBaseUrls ?? true;
  const relaxed = await manage('PATCH', '/api/settings', { allowPrivateBaseUrls });
  if (relaxed.status !== 200) throw new Error(`setting allowPrivateBaseUrls failed: ${JSON.stringify(relaxed.body)}`);

  return {
    gateway,
    url: gateway.url,
    dataDir,
    config,
    manage,
    async connect(input) {
      const { status, body } = await manage('POST', '/api/providers', input);
      if (status !== 201) throw new Error(`connect failed: ${status} ${JSON.stringify(body)}`);
      return body;
    },
    async stop({ keepData = false } = {}) {
      await gateway.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Request-log rows, newest first, after the queue is flushed. */
export async function requestLogs(harness: GatewayHarness): Promise<any[]> {
  const { body } = await harness.manage('GET', '/api/usage/request-logs?limit=100');
  return body.logs;
}

/** A response body as loosely typed JSON: tests assert on its shape. */
export async function jsonOf(response: Response): Promise<any> {
  return response.json();
}
