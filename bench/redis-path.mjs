// The governed path with REDIS_URL: a second gateway process, configured like the first but sharing its state through
// a redis-server the benchmark starts itself, against the local governed path in the same rounds. This is what the
// per-key limits, budget and shared resilience cost when several processes run behind a load balancer (issue #11).
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { roundTo, TARGET_COLUMNS, targetJson, targetRow } from './build-report.mjs';
import { GOVERNED_PATH } from './build-translated-report.mjs';
import { startProcess } from './child-processes.mjs';
import { fixed, formatTable, ratio, signed } from './format-table.mjs';
import { startGateway } from './start-targets.mjs';

export const REDIS_PATH = 'openai→openai governed, Redis';
export const REDIS_PATH_NAMES = /** @type {const} */ ([GOVERNED_PATH, REDIS_PATH]);
/** Short cells: one mode, two concurrencies, the translated cells' request counts. */
export const REDIS_CELLS = { mode: /** @type {const} */ ('non-stream'), concurrencies: [1, 16] };

/**
 * @typedef {typeof REDIS_PATH_NAMES[number]} RedisPathName
 * @typedef {object} RedisCellResult
 * @property {'non-stream' | 'stream'} mode
 * @property {number} concurrency
 * @property {number} rounds
 * @property {Record<RedisPathName, import('./summarize-runs.mjs').TargetSummary>} paths
 */

/**
 * Starts redis-server on a free loopback port (no persistence) and a gateway with REDIS_URL pointing at it; or says
 * why the Redis path is skipped (no `redis-server` on PATH).
 * @param {{ upstreamUrl: string, dataDir: string }} options
 * @returns {Promise<{ skipped: string } | { redis: import('./child-processes.mjs').ServerProcess, gateway: import('./child-processes.mjs').ServerProcess }>}
 */
export async function startRedisGateway({ upstreamUrl, dataDir }) {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    return { skipped: 'no redis-server on PATH; install it (e.g. apt-get install redis-server) to measure it' };
  }
  const port = await freePort();
  const redis = await startProcess({
    name: 'redis-server',
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    ready: /Ready to accept connections/,
  });
  await mkdir(dataDir, { recursive: true });
  const gateway = await startGateway({
    upstreamUrl,
    dataDir,
    name: 'gateway (Redis)',
    env: { REDIS_URL: `redis://127.0.0.1:${port}/0`, REDIS_PREFIX: 'omniroute-bench:' },
  });
  return { redis, gateway };
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** @param {RedisCellResult} cell */
function compare({ paths }) {
  const local = paths[GOVERNED_PATH];
  const redis = paths[REDIS_PATH];
  return {
    cpuPerRequest: redis.cpuUsPerRequest / local.cpuUsPerRequest,
    addedCpuUsPerRequest: redis.cpuUsPerRequest - local.cpuUsPerRequest,
    p50: redis.p50Ms / local.p50Ms,
    p99: redis.p99Ms / local.p99Ms,
    throughput: redis.requestsPerSecond / local.requestsPerSecond,
  };
}

/** @param {RedisCellResult} cell */
export function formatRedisCell(cell) {
  const { mode, concurrency, rounds, paths } = cell;
  const byLocal = compare(cell);
  return [
    `Redis, ${mode}, concurrency ${concurrency} (${paths[GOVERNED_PATH].requests} requests per path over ${rounds} ` +
      'rounds; CPU of each path’s gateway process, redis-server’s own CPU not included)',
    formatTable(
      ['path', ...TARGET_COLUMNS],
      REDIS_PATH_NAMES.map((name) => targetRow(name, paths[name])),
    ),
    `  Redis / local governed: CPU per request ${ratio(byLocal.cpuPerRequest)} ` +
      `(${signed(byLocal.addedCpuUsPerRequest, 1, 'µs')}), p50 ${ratio(byLocal.p50)} ` +
      `(${signed(paths[REDIS_PATH].p50Ms - paths[GOVERNED_PATH].p50Ms, 3, 'ms')}), p99 ${ratio(byLocal.p99)}, ` +
      `throughput ${ratio(byLocal.throughput)}`,
  ].join('\n');
}

/** One line per cell for the end of the run. @param {RedisCellResult[]} cells */
export function formatRedisSummary(cells) {
  return [
    `Summary: the governed path with REDIS_URL against the local governed path (${GOVERNED_PATH})`,
    formatTable(
      ['cell', 'Redis CPU µs/req', 'local CPU µs/req', 'CPU/req vs local', 'p50 vs local', 'req/s vs local'],
      cells.map((cell) => {
        const byLocal = compare(cell);
        return [
          `${cell.mode} c=${cell.concurrency}`,
          fixed(cell.paths[REDIS_PATH].cpuUsPerRequest, 1),
          fixed(cell.paths[GOVERNED_PATH].cpuUsPerRequest, 1),
          ratio(byLocal.cpuPerRequest),
          ratio(byLocal.p50),
          ratio(byLocal.throughput),
        ];
      }),
    ),
  ].join('\n');
}

/** `redis` in BENCH_JSON. @param {RedisCellResult[]} cells @param {string | null} skipped */
export function buildRedisJson(cells, skipped) {
  return {
    redis: {
      skipped,
      cells: cells.map((cell) => {
        const byLocal = compare(cell);
        return {
          mode: cell.mode,
          concurrency: cell.concurrency,
          paths: Object.fromEntries(REDIS_PATH_NAMES.map((name) => [name, targetJson(cell.paths[name])])),
          vsLocal: {
            cpuPerRequest: roundTo(byLocal.cpuPerRequest, 3),
            addedCpuUsPerRequest: roundTo(byLocal.addedCpuUsPerRequest, 2),
            p50: roundTo(byLocal.p50, 3),
            p99: roundTo(byLocal.p99, 3),
            throughput: roundTo(byLocal.throughput, 3),
          },
        };
      }),
    },
  };
}
