// Folds the rounds of one target in one cell (mode × concurrency) into the numbers the report shows. Latencies are
// pooled across rounds before taking percentiles; CPU ticks are summed before dividing, which keeps the 10 ms tick
// of /proc/<pid>/stat small against the total.
import { ticksToMicroseconds } from './process-cpu.mjs';

/**
 * @typedef {object} RoundRecord
 * @property {import('./run-load.mjs').LoadResult} load
 * @property {number} serverTicks CPU ticks of the server under test during the round
 * @property {number} mockTicks CPU ticks of the mock upstream during the round
 *
 * @typedef {object} TargetSummary
 * @property {number} requests
 * @property {number} failed
 * @property {number} requestsPerSecond
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} cpuUsPerRequest the server under test (for direct: the mock)
 * @property {number} mockCpuUsPerRequest
 * @property {number[]} requestsPerSecondByRound
 * @property {string | undefined} firstError
 */

/** @param {RoundRecord[]} rounds @returns {TargetSummary} */
export function summarizeRuns(rounds) {
  let completed = 0;
  let failed = 0;
  let elapsedMs = 0;
  let serverTicks = 0;
  let mockTicks = 0;
  /** @type {string | undefined} */
  let firstError;
  for (const { load, serverTicks: server, mockTicks: mock } of rounds) {
    completed += load.completed;
    failed += load.failed;
    elapsedMs += load.elapsedMs;
    serverTicks += server;
    mockTicks += mock;
    firstError ??= load.firstError;
  }
  const latencies = new Float64Array(completed);
  let offset = 0;
  for (const { load } of rounds) {
    latencies.set(load.latenciesMs, offset);
    offset += load.latenciesMs.length;
  }
  latencies.sort();
  const requests = completed + failed;
  return {
    requests,
    failed,
    requestsPerSecond: elapsedMs > 0 ? (completed * 1000) / elapsedMs : 0,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuUsPerRequest: requests > 0 ? ticksToMicroseconds(serverTicks) / requests : 0,
    mockCpuUsPerRequest: requests > 0 ? ticksToMicroseconds(mockTicks) / requests : 0,
    requestsPerSecondByRound: rounds.map(({ load }) =>
      load.elapsedMs > 0 ? (load.completed * 1000) / load.elapsedMs : 0,
    ),
    firstError,
  };
}

/** Nearest-rank percentile of sorted values. @param {Float64Array} sorted @param {number} fraction */
function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}
