// The translated paths' report: the gateway alone, one client format calling an upstream of the other format
// (the request and the answer translated on the way), against its own pass-through path (OpenAI client, OpenAI
// upstream) measured in the same rounds. The target is at most TRANSLATED_CPU_TARGET× the pass-through path's CPU
// per request; the report says whether a cell meets it, and never fails the run over it.
import { roundTo, TARGET_COLUMNS, targetJson, targetRow } from './build-report.mjs';
import { fixed, formatTable, ratio, signed } from './format-table.mjs';

/**
 * A path is `<client format>→<upstream format>`.
 * @typedef {'openai→openai' | 'anthropic→openai' | 'openai→anthropic'} PathName
 * @typedef {Exclude<PathName, 'openai→openai'>} TranslatedPathName
 * @typedef {object} TranslatedCellResult
 * @property {'non-stream' | 'stream'} mode
 * @property {number} concurrency
 * @property {number} rounds
 * @property {Record<PathName, import('./summarize-runs.mjs').TargetSummary>} paths
 */

export const PASS_THROUGH_PATH = 'openai→openai';
export const TRANSLATED_PATH_NAMES = /** @type {const} */ (['anthropic→openai', 'openai→anthropic']);
export const PATH_NAMES = /** @type {const} */ ([PASS_THROUGH_PATH, ...TRANSLATED_PATH_NAMES]);
/** The target: a translated path costs at most this many times the pass-through path's CPU per request. */
export const TRANSLATED_CPU_TARGET = 1.3;

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
      withinTarget: cpuPerRequest <= TRANSLATED_CPU_TARGET,
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
        `(${signed(byPass.addedCpuUsPerRequest, 1, 'µs')}; target ≤ ${ratio(TRANSLATED_CPU_TARGET)}: ` +
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
      byPass.withinTarget ? 'yes' : 'NO',
    ]),
  );
  return [
    `Summary: the translated paths against the pass-through path ${PASS_THROUGH_PATH}, gateway CPU per request ` +
      `(target: at most ${ratio(TRANSLATED_CPU_TARGET)})`,
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
        `≤ ${ratio(TRANSLATED_CPU_TARGET)}`,
      ],
      rows,
      { leftAligned: 2 },
    ),
  ].join('\n');
}

/** The translated cells' part of `BENCH_JSON`. @param {TranslatedCellResult[]} cells */
export function buildTranslatedJson(cells) {
  return {
    translatedCpuTarget: TRANSLATED_CPU_TARGET,
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
