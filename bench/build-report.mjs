// The report: one table per mode × concurrency, the gateway's cost as ratios against the reference proxy and as
// added latency against the mock called directly (all measured in the same run), a summary table, and a
// machine-readable `BENCH_JSON=` line.
import { fixed, formatTable, ratio, signed } from './format-table.mjs';

/**
 * @typedef {'direct' | 'reference' | 'gateway'} TargetName
 * @typedef {object} CellResult
 * @property {'non-stream' | 'stream'} mode
 * @property {number} concurrency
 * @property {number} rounds
 * @property {Record<TargetName, import('./summarize-runs.mjs').TargetSummary>} targets
 */

export const TARGET_NAMES = /** @type {const} */ (['direct', 'reference', 'gateway']);

/** @param {CellResult} cell */
export function compareCell({ targets: { direct, reference, gateway } }) {
  return {
    gatewayVsReference: {
      cpuPerRequest: gateway.cpuUsPerRequest / reference.cpuUsPerRequest,
      addedCpuUsPerRequest: gateway.cpuUsPerRequest - reference.cpuUsPerRequest,
      p50: gateway.p50Ms / reference.p50Ms,
      p99: gateway.p99Ms / reference.p99Ms,
      throughput: gateway.requestsPerSecond / reference.requestsPerSecond,
    },
    gatewayVsDirect: {
      addedP50Ms: gateway.p50Ms - direct.p50Ms,
      addedP99Ms: gateway.p99Ms - direct.p99Ms,
      throughput: gateway.requestsPerSecond / direct.requestsPerSecond,
    },
  };
}

/** @param {CellResult} cell */
export function formatCell(cell) {
  const { mode, concurrency, rounds, targets } = cell;
  const rows = TARGET_NAMES.map((name) => {
    const target = targets[name];
    const spread = target.requestsPerSecondByRound;
    return [
      name,
      fixed(target.requestsPerSecond, 0),
      `${fixed(Math.min(...spread), 0)}-${fixed(Math.max(...spread), 0)}`,
      fixed(target.p50Ms, 3),
      fixed(target.p99Ms, 3),
      fixed(target.cpuUsPerRequest, 1),
      fixed(target.mockCpuUsPerRequest, 1),
      target.failed === 0 ? '0' : `${target.failed} FAILED`,
    ];
  });
  const { gatewayVsReference: byReference, gatewayVsDirect: byDirect } = compareCell(cell);
  return [
    `${mode}, concurrency ${concurrency} (${targets.gateway.requests} requests per target over ${rounds} rounds)`,
    formatTable(
      ['target', 'req/s', 'req/s by round', 'p50 ms', 'p99 ms', 'CPU µs/req', 'mock CPU µs/req', 'failed'],
      rows,
    ),
    `  gateway / reference: CPU per request ${ratio(byReference.cpuPerRequest)} ` +
      `(${signed(byReference.addedCpuUsPerRequest, 1, 'µs')}), p50 ${ratio(byReference.p50)}, ` +
      `throughput ${ratio(byReference.throughput)}`,
    `  gateway - direct:    p50 ${signed(byDirect.addedP50Ms, 3, 'ms')}, p99 ${signed(byDirect.addedP99Ms, 3, 'ms')}, ` +
      `throughput ${ratio(byDirect.throughput)}`,
  ].join('\n');
}

/** @param {CellResult[]} cells */
export function formatSummary(cells) {
  const rows = cells.map((cell) => {
    const { gatewayVsReference: byReference, gatewayVsDirect: byDirect } = compareCell(cell);
    return [
      `${cell.mode} c=${cell.concurrency}`,
      ratio(byReference.cpuPerRequest),
      signed(byReference.addedCpuUsPerRequest, 1, 'µs'),
      ratio(byReference.p50),
      ratio(byReference.throughput),
      signed(byDirect.addedP50Ms, 3, 'ms'),
      signed(byDirect.addedP99Ms, 3, 'ms'),
    ];
  });
  return [
    'Summary: the gateway against the reference proxy (ratios) and against the mock called directly (added latency)',
    formatTable(
      ['cell', 'CPU/req vs ref', 'CPU µs vs ref', 'p50 vs ref', 'req/s vs ref', 'added p50', 'added p99'],
      rows,
    ),
  ].join('\n');
}

/**
 * @param {{ cells: CellResult[], environment: Record<string, unknown>, failed: number }} options
 */
export function buildJsonSummary({ cells, environment, failed }) {
  const round = (/** @type {number} */ value, /** @type {number} */ digits) =>
    Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
  return {
    version: 1,
    ...environment,
    failed,
    cells: cells.map((cell) => {
      const { gatewayVsReference, gatewayVsDirect } = compareCell(cell);
      return {
        mode: cell.mode,
        concurrency: cell.concurrency,
        targets: Object.fromEntries(
          TARGET_NAMES.map((name) => {
            const target = cell.targets[name];
            return [
              name,
              {
                requests: target.requests,
                failed: target.failed,
                requestsPerSecond: round(target.requestsPerSecond, 1),
                p50Ms: round(target.p50Ms, 4),
                p99Ms: round(target.p99Ms, 4),
                cpuUsPerRequest: round(target.cpuUsPerRequest, 2),
                mockCpuUsPerRequest: round(target.mockCpuUsPerRequest, 2),
              },
            ];
          }),
        ),
        gatewayVsReference: {
          cpuPerRequest: round(gatewayVsReference.cpuPerRequest, 3),
          addedCpuUsPerRequest: round(gatewayVsReference.addedCpuUsPerRequest, 2),
          p50: round(gatewayVsReference.p50, 3),
          p99: round(gatewayVsReference.p99, 3),
          throughput: round(gatewayVsReference.throughput, 3),
        },
        gatewayVsDirect: {
          addedP50Ms: round(gatewayVsDirect.addedP50Ms, 4),
          addedP99Ms: round(gatewayVsDirect.addedP99Ms, 4),
          throughput: round(gatewayVsDirect.throughput, 3),
        },
      };
    }),
  };
}
