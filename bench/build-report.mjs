// The report: one table per mode × concurrency, the gateway's cost as ratios against the reference proxy and as
// added latency against the mock called directly (all measured in the same run), a summary table, and a
// machine-readable `BENCH_JSON=` line. The translated paths have their own tables: build-translated-report.mjs.
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

/** The columns of one target's (or path's) row, after its name. */
export const TARGET_COLUMNS = [
  'req/s',
  'req/s by round',
  'p50 ms',
  'p99 ms',
  'CPU µs/req',
  'mock CPU µs/req',
  'failed',
];

/** @param {string} name @param {import('./summarize-runs.mjs').TargetSummary} target */
export function targetRow(name, target) {
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
}

/** For JSON: rounded, and null where there is no number (e.g. a ratio over zero). @param {number} value @param {number} digits */
export function roundTo(value, digits) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

/** A target's (or path's) numbers for `BENCH_JSON`. @param {import('./summarize-runs.mjs').TargetSummary} target */
export function targetJson(target) {
  return {
    requests: target.requests,
    failed: target.failed,
    requestsPerSecond: roundTo(target.requestsPerSecond, 1),
    p50Ms: roundTo(target.p50Ms, 4),
    p99Ms: roundTo(target.p99Ms, 4),
    cpuUsPerRequest: roundTo(target.cpuUsPerRequest, 2),
    mockCpuUsPerRequest: roundTo(target.mockCpuUsPerRequest, 2),
  };
}

/** @param {CellResult} cell */
export function formatCell(cell) {
  const { mode, concurrency, rounds, targets } = cell;
  const rows = TARGET_NAMES.map((name) => targetRow(name, targets[name]));
  const { gatewayVsReference: byReference, gatewayVsDirect: byDirect } = compareCell(cell);
  return [
    `${mode}, concurrency ${concurrency} (${targets.gateway.requests} requests per target over ${rounds} rounds)`,
    formatTable(['target', ...TARGET_COLUMNS], rows),
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
  return {
    version: 1,
    ...environment,
    failed,
    cells: cells.map((cell) => {
      const { gatewayVsReference, gatewayVsDirect } = compareCell(cell);
      return {
        mode: cell.mode,
        concurrency: cell.concurrency,
        targets: Object.fromEntries(TARGET_NAMES.map((name) => [name, targetJson(cell.targets[name])])),
        gatewayVsReference: {
          cpuPerRequest: roundTo(gatewayVsReference.cpuPerRequest, 3),
          addedCpuUsPerRequest: roundTo(gatewayVsReference.addedCpuUsPerRequest, 2),
          p50: roundTo(gatewayVsReference.p50, 3),
          p99: roundTo(gatewayVsReference.p99, 3),
          throughput: roundTo(gatewayVsReference.throughput, 3),
        },
        gatewayVsDirect: {
          addedP50Ms: roundTo(gatewayVsDirect.addedP50Ms, 4),
          addedP99Ms: roundTo(gatewayVsDirect.addedP99Ms, 4),
          throughput: roundTo(gatewayVsDirect.throughput, 3),
        },
      };
    }),
  };
}
