// Starts the three servers the benchmark compares, each in its own process so its CPU is its own: the mock upstream,
// the reference proxy in front of it, and the gateway in front of it (or, with BENCH_GATEWAY=reference, a second
// reference proxy in the gateway's slot: an A/A run that shows the benchmark's own noise).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from './child-processes.mjs';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE_PROXY = fileURLToPath(new URL('./reference-proxy.mjs', import.meta.url));

export const UPSTREAM_API_KEY = 'sk-bench-upstream';
export const CLIENT_API_KEY = 'sk-omni-bench-key-0123456789abcdef';
/** Manages the gateway during the run (creates the governed key); never sent on client routes. */
const ADMIN_API_KEY = 'sk-omni-bench-admin-0123456789abcdef';

export function startMock() {
  return startProcess({
    name: 'mock upstream',
    command: process.execPath,
    args: ['test/mock-upstream/cli.mjs', '--port', '0'],
    cwd: PROJECT_ROOT,
    ready: /^MOCK_UPSTREAM_URL=(\S+)$/,
  });
}

/** @param {{ name: string, upstreamUrl: string }} options */
export function startReferenceProxy({ name, upstreamUrl }) {
  return startProcess({
    name,
    command: process.execPath,
    args: [REFERENCE_PROXY, '--port', '0', '--upstream', upstreamUrl, '--api-key', UPSTREAM_API_KEY],
    cwd: PROJECT_ROOT,
    ready: /^REFERENCE_PROXY_URL=(\S+)$/,
  });
}

/**
 * Two provider accounts on the same mock: `openai` (the pass-through path, and an OpenAI upstream for Anthropic
 * clients) and `anthropic` (the mock's /v1/messages, reached with `x-api-key`, for OpenAI clients).
 * @param {{ upstreamUrl: string, dataDir: string, name?: string, env?: Record<string, string> }} options `env` on top
 *   of the benchmark's environment (e.g. REDIS_URL for the Redis path)
 */
export async function startGateway({ upstreamUrl, dataDir, name = 'gateway', env = {} }) {
  const configFile = join(dataDir, 'config.yaml');
  await writeFile(
    configFile,
    [
      // The mock listens on 127.0.0.1: a loopback base URL needs this setting (the gateway's SSRF guard).
      'settings:',
      '  allowPrivateBaseUrls: true',
      'providers:',
      '  - provider: openai',
      '    name: bench',
      `    apiKey: ${UPSTREAM_API_KEY}`,
      `    baseUrl: ${upstreamUrl}/v1`,
      '  - provider: anthropic',
      '    name: bench',
      `    apiKey: ${UPSTREAM_API_KEY}`,
      `    baseUrl: ${upstreamUrl}/v1`,
      'keys:',
      '  - name: bench',
      `    key: ${CLIENT_API_KEY}`,
      '  - name: bench-admin',
      `    key: ${ADMIN_API_KEY}`,
      '    scopes: [manage]',
      '',
    ].join('\n'),
  );
  return startProcess({
    name,
    command: process.execPath,
    args: ['bin/omniroute.js', 'start', '--port', '0', '--data-dir', dataDir, '--config', configFile],
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', REQUIRE_API_KEY: 'true', INITIAL_PASSWORD: 'bench-password', ...env },
    ready: /API base URL:\s+(http:\/\/\S+?)\/v1\b/,
  });
}

/**
 * A client key with every per-key limit and a budget, all far above what the run sends, so the governed path pays
 * for the checks (RPM ring, RPD/TPM buckets, concurrency count, budget reservation and settlement) without a refusal.
 * @param {string} gatewayUrl the gateway's base URL @returns {Promise<string>} the new key
 */
export async function createGovernedKey(gatewayUrl) {
  const manage = async (/** @type {string} */ path, /** @type {unknown} */ body) => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const limits = { rpm: 100_000, rpd: 10_000_000, tpm: 10_000_000, maxConcurrent: 10_000 };
  const created = await manage('/api/keys', { name: 'bench-governed', limits });
  await manage('/api/usage/budget', { keyId: created.id, limit: 1_000_000, period: 'monthly' });
  return created.key;
}
