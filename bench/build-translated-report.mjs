// The gateway paths' report: the gateway alone, each path against its own pass-through path (OpenAI client, OpenAI
// upstream, a key without limits) measured in the same rounds. Translated paths (one client format calling an
// upstream of the other format) and the governed path (the pass-through path with a key that has rate limits and a
// budget) each have a target ratio of the pass-through path's CPU per request; the report says whether a cell meets
// it, and never fails the run over it. The cache-hit path (the pass-through request at temperature 0, answered from
// the response cache after its first call) must cost less than the pass-through call it replaces.
import { roundTo, TARGET_COLUMNS, targetJson, targetRow } from './build-report.mjs';
import { fixed, formatTable, ratio, signed } from './format-table.mjs';

/**
 * A path is `<client format>→<upstream format>`, plus the pass-through path with a governed key.
 * @typedef {'openai→openai' | 'anthropic→openai' | 'openai→anthropic' | 'openai→openai governed' | 'openai→openai cache hit'} PathName
 * @typedef {Exclude<PathName, 'openai→openai'>} TranslatedPathName
 * @typedef {object} TranslatedCellResult
 * @property {'non-stream' | 'stream'} mode
 * @property {number} concurrency
 * @property {number} rounds
 * @property {Record<PathName, import('./summarize-runs.mjs').TargetSummary>} paths
 */

export const PASS_THROUGH_PATH = 'openai→openai';
export const GOVERNED_PATH = 'openai→openai governed';
export const CACHE_HIT_PATH = 'openai→openai cache hit';
export const TRANSLATED_PATH_NAMES = /** @type {const} */ ([
  'anthropic→openai',
  'openai→anthropic',
  GOVERNED_PATH,
  CACHE_HIT_PATH,
]);
export const PATH_NAMES = /** @type {const} */ ([PASS_THROUGH_PATH, ...TRANSLATED_PATH_NAMES]);
/**
 * The issues' targets, in multiples of the pass-through path's CPU per request: a translated path at most 1.3×;
 * key limits and a budget "cost little", taken as at most 1.1×; a cache hit costs less than the call it spares (< 1×).
 * @type {Record<TranslatedPathName, number>}
 */
export const PATH_CPU_TARGETS = {
  'anthropic→openai': 1.3,
  'openai→anthropic': 1.3,
  [GOVERNED_PATH]: 1.1,
  [CACHE_HIT_PATH]: 1,
};

/** Each translated path against the pass-through path. @param {TranslatedCellResult} cell */
export function compareTranslatedCell({ paths }) {
  const passThrough = paths[PASS_THROUGH_PATH];
  return TRANSLATED_PATH_NAMES.map((name) => {
    const path = paths[name];
    const cpuPerRequest = path.cpuUsPerRequest / passThrough.cpuUsPerRequest;
    return {
      name,
      cpuPerRequest,
      addedCpuUsPerRequest: path.cpuUsPerRequest - passThrough.cpuUsPerRequest,
      p50: path.p50Ms / passThrough.p50Ms,
      p99: path.p99Ms / passThrough.p99Ms,
      throughput: path.requestsPerSecond / passThrough.requestsPerSecond,
      target: PATH_CPU_TARGETS[name],
      withinTarget: cpuPerRequest <= PATH_CPU_TARGETS[name],
    };
  });
}

/** @param {TranslatedCellResult} cell */
export function formatTranslatedCell(cell) {
  const { mode, concurrency, rounds, paths } = cell;
  const width = Math.max(...TRANSLATED_PATH_NAMES.map((name) => name.length));
  return [
    `translated, ${mode}, concurrency ${concurrency} (${paths[PASS_THROUGH_PATH].requests} requests per path over ` +
      `${rounds} rounds; CPU of the gateway)`,
    formatTable(
      ['path', ...TARGET_COLUMNS],
      PATH_NAMES.map((name) => targetRow(name, paths[name])),
    ),
    ...compareTranslatedCell(cell).map(
      (byPass) =>
        `  ${byPass.name.padEnd(width)} / ${PASS_THROUGH_PATH}: CPU per request ${ratio(byPass.cpuPerRequest)} ` +
        `(${signed(byPass.addedCpuUsPerRequest, 1, 'µs')}; target ≤ ${ratio(byPass.target)}: ` +
        `${byPass.withinTarget ? 'met' : 'MISSED'}), p50 ${ratio(byPass.p50)}, throughput ${ratio(byPass.throughput)}`,
    ),
  ].join('\n');
}

/** @param {TranslatedCellResult[]} cells */
export function formatTranslatedSummary(cells) {
  const rows = cells.flatMap((cell) =>
    compareTranslatedCell(cell).map((byPass) => [
      `${cell.mode} c=${cell.concurrency}`,
      byPass.name,
      fixed(cell.paths[byPass.name].cpuUsPerRequest, 1),
      fixed(cell.paths[PASS_THROUGH_PATH].cpuUsPerRequest, 1),
      ratio(byPass.cpuPerRequest),
      signed(byPass.addedCpuUsPerRequest, 1, 'µs'),
      ratio(byPass.p50),
      ratio(byPass.throughput),
      `${ratio(byPass.target)}: ${byPass.withinTarget ? 'yes' : 'NO'}`,
    ]),
  );
  return [
    `Summary: the gateway's paths against its pass-through path ${PASS_THROUGH_PATH}, gateway CPU per request`,
    formatTable(
      [
        'cell',
        'path',
        'CPU µs/req',
        'pass-through CPU µs/req',
        'CPU/req vs pass',
        'CPU µs vs pass',
        'p50 vs pass',
        'req/s vs pass',
        'target met',
      ],
      rows,
      { leftAligned: 2 },
    ),
  ].join('\n');
}

/** The translated cells' part of `BENCH_JSON`. @param {TranslatedCellResult[]} cells */
export function buildTranslatedJson(cells) {
  return {
    pathCpuTargets: PATH_CPU_TARGETS,
    translatedCells: cells.map((cell) => ({
      mode: cell.mode,
      concurrency: cell.concurrency,
      paths: Object.fromEntries(PATH_NAMES.map((name) => [name, targetJson(cell.paths[name])])),
      vsPassThrough: Object.fromEntries(
        compareTranslatedCell(cell).map((byPass) => [
          byPass.name,
          {
            cpuPerRequest: roundTo(byPass.cpuPerRequest, 3),
            addedCpuUsPerRequest: roundTo(byPass.addedCpuUsPerRequest, 2),
            p50: roundTo(byPass.p50, 3),
            p99: roundTo(byPass.p99, 3),
            throughput: roundTo(byPass.throughput, 3),
            withinTarget: byPass.withinTarget,
          },
        ]),
      ),
    })),
  };
}
