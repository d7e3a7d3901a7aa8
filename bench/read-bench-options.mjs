// The benchmark's knobs, all from the environment so `npm run bench` stays a one-liner.
import { BenchError } from './bench-error.mjs';

/**
 * @typedef {object} BenchOptions
 * @property {number} scale multiplies every request count (BENCH_SCALE, default 1)
 * @property {number} rounds the run of each target is split into this many rounds, targets taking turns in a rotating
 *   order, so machine noise hits all alike (BENCH_ROUNDS, default 3)
 * @property {number[]} concurrencies BENCH_CONCURRENCY, default 1,16,64
 * @property {('non-stream' | 'stream')[]} modes BENCH_MODES, default non-stream,stream
 * @property {'omniroute' | 'reference'} gateway BENCH_GATEWAY=reference puts a second reference proxy in the
 *   gateway's slot: an A/A run, every ratio should then be about 1.00×
 * @property {boolean} overheadCells the gateway against the reference proxy and the mock (off with BENCH_TRANSLATED=only)
 * @property {boolean} translatedCells the gateway's translated paths against its pass-through path (BENCH_TRANSLATED:
 *   1 by default, 0 to skip them, `only` to run nothing else; always off in an A/A run)
 * @property {number[]} translatedConcurrencies BENCH_TRANSLATED_CONCURRENCY, default 1,16
 * @property {number} translatedRounds rounds of a translated cell (BENCH_TRANSLATED_ROUNDS, default 6): its cells are
 *   short, so finer turns keep a burst of machine noise from landing on one path only
 * @property {boolean} redisCells the governed path on a gateway with REDIS_URL against the local one (BENCH_REDIS: 1 by
 *   default, 0 to skip; runs with the translated cells)
 */

/**
 * Requests per target (or path) and cell at scale 1: sized so the whole run takes about 2–3 minutes on 2 cores, the
 * translated cells (three gateway paths each) about 40 s of it.
 */
const BASE_REQUESTS = {
  overhead: { single: 2000, concurrent: 6000 },
  translated: { single: 600, concurrent: 1200 },
};

/** @param {NodeJS.ProcessEnv} env @returns {BenchOptions} */
export function readBenchOptions(env) {
  const scale = positiveNumber('BENCH_SCALE', env.BENCH_SCALE ?? '1');
  const rounds = wholeNumber('BENCH_ROUNDS', env.BENCH_ROUNDS ?? '3');
  const translatedRounds = wholeNumber('BENCH_TRANSLATED_ROUNDS', env.BENCH_TRANSLATED_ROUNDS ?? '6');
  const concurrencies = concurrencyList('BENCH_CONCURRENCY', env.BENCH_CONCURRENCY ?? '1,16,64');
  const translatedConcurrencies = concurrencyList(
    'BENCH_TRANSLATED_CONCURRENCY',
    env.BENCH_TRANSLATED_CONCURRENCY ?? '1,16',
  );
  const modes = (env.BENCH_MODES ?? 'non-stream,stream').split(',').map((value) => {
    const mode = value.trim();
    if (mode !== 'non-stream' && mode !== 'stream')
      throw new BenchError(`BENCH_MODES holds '${mode}': use non-stream, stream`);
    return mode;
  });
  const gateway = env.BENCH_GATEWAY ?? 'omniroute';
  if (gateway !== 'omniroute' && gateway !== 'reference') {
    throw new BenchError(`BENCH_GATEWAY must be omniroute or reference, not '${gateway}'`);
  }
  const translated = env.BENCH_TRANSLATED ?? '1';
  if (translated !== '0' && translated !== '1' && translated !== 'only') {
    throw new BenchError(`BENCH_TRANSLATED must be 1, 0 or only, not '${translated}'`);
  }
  if (translated === 'only' && gateway === 'reference') {
    throw new BenchError(
      'BENCH_TRANSLATED=only has nothing to run in an A/A run: the reference proxy does not translate',
    );
  }
  return {
    scale,
    rounds,
    concurrencies,
    modes,
    gateway,
    overheadCells: translated !== 'only',
    // The reference proxy speaks only OpenAI to OpenAI: an A/A run has no translated paths.
    translatedCells: translated !== '0' && gateway === 'omniroute',
    translatedConcurrencies,
    translatedRounds,
    redisCells: translated !== '0' && gateway === 'omniroute' && env.BENCH_REDIS !== '0',
  };
}

/** Rounds of one cell. @param {BenchOptions} options @param {'overhead' | 'translated'} kind */
export function roundsOf(options, kind) {
  return kind === 'overhead' ? options.rounds : options.translatedRounds;
}

/**
 * Measured requests per target (or path) and round in one cell, at least one.
 * @param {BenchOptions} options @param {number} concurrency @param {'overhead' | 'translated'} kind
 */
export function requestsPerRound(options, concurrency, kind) {
  const base = BASE_REQUESTS[kind];
  const { scale } = options;
  const rounds = roundsOf(options, kind);
  return Math.max(1, Math.ceil(((concurrency === 1 ? base.single : base.concurrent) * scale) / rounds));
}

/** Unmeasured requests before each cell: opens the connections and settles the JIT at this concurrency. @param {number} concurrency */
export function warmUpRequests(concurrency) {
  return Math.max(200, concurrency * 10);
}

/** @param {string} name @param {string} value */
function concurrencyList(name, value) {
  return value.split(',').map((item) => wholeNumber(name, item.trim()));
}

/** @param {string} name @param {string} value */
function wholeNumber(name, value) {
  const number = positiveNumber(name, value);
  if (!Number.isInteger(number)) throw new BenchError(`${name} must hold whole numbers, not '${value}'`);
  return number;
}

/** @param {string} name @param {string} value */
function positiveNumber(name, value) {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new BenchError(`${name} must be a positive number, not '${value}'`);
  return number;
}
