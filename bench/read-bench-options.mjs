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
 */

/** Requests per target and cell at scale 1: sized so the whole run takes about 1–2 minutes on 2 cores. */
const BASE_REQUESTS = { single: 2000, concurrent: 6000 };

/** @param {NodeJS.ProcessEnv} env @returns {BenchOptions} */
export function readBenchOptions(env) {
  const scale = positiveNumber('BENCH_SCALE', env.BENCH_SCALE ?? '1');
  const rounds = positiveNumber('BENCH_ROUNDS', env.BENCH_ROUNDS ?? '3');
  if (!Number.isInteger(rounds)) throw new BenchError(`BENCH_ROUNDS must be a whole number, not '${env.BENCH_ROUNDS}'`);
  const concurrencies = (env.BENCH_CONCURRENCY ?? '1,16,64').split(',').map((value) => {
    const concurrency = positiveNumber('BENCH_CONCURRENCY', value.trim());
    if (!Number.isInteger(concurrency)) throw new BenchError(`BENCH_CONCURRENCY holds '${value}', not a whole number`);
    return concurrency;
  });
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
  return { scale, rounds, concurrencies, modes, gateway };
}

/** Measured requests per target in one cell, at least one per round. @param {BenchOptions} options @param {number} concurrency */
export function requestsPerRound({ scale, rounds }, concurrency) {
  const base = concurrency === 1 ? BASE_REQUESTS.single : BASE_REQUESTS.concurrent;
  return Math.max(1, Math.ceil((base * scale) / rounds));
}

/** Unmeasured requests before each cell: opens the connections and settles the JIT at this concurrency. @param {number} concurrency */
export function warmUpRequests(concurrency) {
  return Math.max(200, concurrency * 10);
}

/** @param {string} name @param {string} value */
function positiveNumber(name, value) {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new BenchError(`${name} must be a positive number, not '${value}'`);
  return number;
}
