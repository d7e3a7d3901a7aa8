#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { Agent } from 'undici';
// `npm run bench`: the gateway's own cost, measured against a minimal reference proxy and against the mock upstream
// called directly, in one run on one machine (style habit 14, architecture "Measure it"); and the cost of its
// translated paths against its pass-through path. See bench/README.md.
import { BenchError } from './bench-error.mjs';
import { buildJsonSummary, formatCell, formatSummary, TARGET_NAMES } from './build-report.mjs';
import {
  buildTranslatedJson,
  CACHE_HIT_PATH,
  formatTranslatedCell,
  formatTranslatedSummary,
  GOVERNED_PATH,
  PASS_THROUGH_PATH,
  PATH_NAMES,
} from './build-translated-report.mjs';
import { killAllProcessesNow, stopAllProcesses } from './child-processes.mjs';
import { anthropicClientTarget, openAiClientTarget } from './load-targets.mjs';
import { clockTicksPerSecond, readCpuTicks } from './process-cpu.mjs';
import { readBenchOptions, requestsPerRound, roundsOf, warmUpRequests } from './read-bench-options.mjs';
import {
  buildRedisJson,
  formatRedisCell,
  formatRedisSummary,
  REDIS_CELLS,
  REDIS_PATH,
  REDIS_PATH_NAMES,
  startRedisGateway,
} from './redis-path.mjs';
import { runLoad } from './run-load.mjs';
import {
  CLIENT_API_KEY,
  createGovernedKey,
  startGateway,
  startMock,
  startReferenceProxy,
  UPSTREAM_API_KEY,
} from './start-targets.mjs';
import { summarizeRuns } from './summarize-runs.mjs';
import { verifyTarget } from './verify-target.mjs';

/**
 * @typedef {import('./child-processes.mjs').ServerProcess} ServerProcess
 * @typedef {{ server: ServerProcess, target: import('./run-load.mjs').LoadTarget }} Contender
 */

/** Before any measuring, per mode: the overhead targets, then the translated paths (whose common code is warm by then). */
const GLOBAL_WARM_UP = { requests: 1000, concurrency: 16 };
const TRANSLATED_WARM_UP = { requests: 500, concurrency: 16 };

/** @type {string | undefined} */
let tempDir;
/** @type {Promise<void> | undefined} */
let shuttingDown;
/** Set by Ctrl-C: the run's errors from then on are the servers going away, not news. */
let interrupted = false;

/** Stops the servers (the gateway flushes its logs into the data folder), then removes the data folder. */
function shutdown() {
  shuttingDown ??= stopAllProcesses().then(async () => {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  });
  return shuttingDown;
}

process.on('exit', () => {
  killAllProcessesNow();
  if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal} received: stopping the servers…`);
    shutdown().finally(() => process.exit(130));
  });
}

/** @param {string} message */
function progress(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** @template T @param {readonly T[]} items @param {number} by */
function rotate(items, by) {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** @param {ServerProcess[]} servers */
function assertAllRunning(servers) {
  for (const server of servers) {
    const status = server.exitStatus();
    if (status !== undefined)
      throw new BenchError(`${server.name} ${status} during the run. Its last output:\n${server.tail()}`);
  }
}

/** @param {ServerProcess} server @param {ServerProcess[]} servers */
async function cpuTicks(server, servers) {
  try {
    return readCpuTicks(server.pid);
  } catch (error) {
    // Gone from /proc: it died. Its 'exit' event, which says how, may still be on its way.
    await setTimeout(200);
    assertAllRunning(servers);
    throw error;
  }
}

async function main() {
  const options = readBenchOptions(process.env);
  if (process.platform !== 'linux') throw new BenchError('the benchmark reads CPU time from /proc: it needs Linux');
  const ticksPerSecond = clockTicksPerSecond();
  const started = Date.now();
  tempDir = await mkdtemp(join(tmpdir(), 'omniroute-bench-'));

  progress('starting the mock upstream, the reference proxy and the gateway…');
  const mock = await startMock();
  const mockUrl = mock.match[1];
  const [reference, gateway] = await Promise.all([
    startReferenceProxy({ name: 'reference proxy', upstreamUrl: mockUrl }),
    options.gateway === 'reference'
      ? startReferenceProxy({ name: 'gateway slot (reference proxy, A/A run)', upstreamUrl: mockUrl })
      : startGateway({ upstreamUrl: mockUrl, dataDir: tempDir }),
  ]);
  const servers = [mock, reference, gateway];
  const gatewayUrl = gateway.match[1];
  /** @type {Record<import('./build-report.mjs').TargetName, Contender>} */
  const contenders = {
    direct: {
      server: mock,
      target: openAiClientTarget({ url: mockUrl, model: 'gpt-4.1', apiKey: UPSTREAM_API_KEY, upstream: 'openai' }),
    },
    reference: {
      server: reference,
      target: openAiClientTarget({
        url: reference.match[1],
        model: 'openai/gpt-4.1',
        apiKey: CLIENT_API_KEY,
        upstream: 'openai',
      }),
    },
    gateway: {
      server: gateway,
      target: openAiClientTarget({
        url: gatewayUrl,
        model: 'openai/gpt-4.1',
        apiKey: CLIENT_API_KEY,
        upstream: 'openai',
      }),
    },
  };
  // The gateway's paths, `<client format>→<upstream format>`; the pass-through one is the gateway target above.
  const governedKey = options.translatedCells ? await createGovernedKey(gatewayUrl) : CLIENT_API_KEY;
  // The governed path again on a second gateway with REDIS_URL (a redis-server of the run's own), when there is one.
  const redisSetup = options.redisCells
    ? await startRedisGateway({ upstreamUrl: mockUrl, dataDir: join(tempDir, 'redis-gateway') })
    : { skipped: 'BENCH_REDIS=0 or no translated cells' };
  /** @type {Contender | undefined} */
  let redisContender;
  if ('gateway' in redisSetup) {
    servers.push(redisSetup.redis, redisSetup.gateway);
    const url = redisSetup.gateway.match[1];
    const apiKey = await createGovernedKey(url);
    redisContender = {
      server: redisSetup.gateway,
      target: openAiClientTarget({ url, model: 'openai/gpt-4.1', apiKey, upstream: 'openai' }),
    };
  } else if (options.redisCells) {
    progress(`Redis path skipped: ${redisSetup.skipped}`);
  }
  /** @type {Record<import('./build-translated-report.mjs').PathName, Contender>} */
  const paths = {
    [PASS_THROUGH_PATH]: contenders.gateway,
    'anthropic→openai': {
      server: gateway,
      target: anthropicClientTarget({
        url: gatewayUrl,
        model: 'openai/gpt-4.1',
        apiKey: CLIENT_API_KEY,
        upstream: 'openai',
      }),
    },
    'openai→anthropic': {
      server: gateway,
      target: openAiClientTarget({
        url: gatewayUrl,
        model: 'anthropic/claude-sonnet-4-5',
        apiKey: CLIENT_API_KEY,
        upstream: 'anthropic',
      }),
    },
    [GOVERNED_PATH]: {
      server: gateway,
      target: openAiClientTarget({ url: gatewayUrl, model: 'openai/gpt-4.1', apiKey: governedKey, upstream: 'openai' }),
    },
    // Temperature 0: after the first call (its verification) every request is a response-cache hit.
    [CACHE_HIT_PATH]: {
      server: gateway,
      target: openAiClientTarget({
        url: gatewayUrl,
        model: 'openai/gpt-4.1',
        apiKey: CLIENT_API_KEY,
        upstream: 'openai',
        temperature: 0,
      }),
    },
  };

  const maxConcurrency = Math.max(
    GLOBAL_WARM_UP.concurrency,
    ...(options.overheadCells ? options.concurrencies : []),
    ...(options.translatedCells ? options.translatedConcurrencies : []),
  );
  // The load generator's own keep-alive pool; generous timeouts so a stalled server shows as failures, not a hang.
  const dispatcher = new Agent({ connections: maxConcurrency, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const environment = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    scale: options.scale,
    rounds: options.rounds,
    translatedRounds: options.translatedCells ? options.translatedRounds : null,
    clockTicksPerSecond: ticksPerSecond,
    gateway: options.gateway === 'reference' ? 'reference proxy (A/A run)' : 'omniroute',
  };
  console.log(
    `OmniRoute overhead benchmark: node ${environment.node}, ${environment.platform}, ${environment.cpus} CPUs ` +
      `(${environment.cpuModel}), BENCH_SCALE=${options.scale}, ${options.rounds} rounds` +
      (options.translatedCells ? ` (translated paths: ${options.translatedRounds})` : '') +
      `, CLK_TCK=${ticksPerSecond}` +
      (options.gateway === 'reference'
        ? '\nA/A run: a second reference proxy stands in the gateway slot (no translated paths).'
        : ''),
  );
  console.log('');

  /** @param {string} name @param {Contender} contender @param {{ stream: boolean, concurrency: number, requests: number }} load */
  const warmUp = async (name, { target }, { stream, concurrency, requests }) => {
    const result = await runLoad({ target, stream, concurrency, requests, dispatcher });
    if (result.failed > 0) {
      await setTimeout(200);
      assertAllRunning(servers);
      throw new BenchError(
        `${name}: ${result.failed} of ${requests} warm-up requests failed; first: ${result.firstError}`,
      );
    }
  };

  /**
   * One cell: a warm-up of each contender at this concurrency, then the rounds, the contenders taking turns in an
   * order that rotates from round to round.
   * @template {string} Name
   * @param {{ contenders: Record<Name, Contender>, names: readonly Name[], stream: boolean, concurrency: number, rounds: number, requests: number }} cell
   * @returns {Promise<Record<Name, import('./summarize-runs.mjs').TargetSummary>>}
   */
  const measureCell = async ({ contenders, names, stream, concurrency, rounds, requests }) => {
    for (const name of names)
      await warmUp(name, contenders[name], { stream, concurrency, requests: warmUpRequests(concurrency) });
    /** @type {Map<Name, import('./summarize-runs.mjs').RoundRecord[]>} */
    const records = new Map(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const name of rotate(names, round)) {
        const { server, target } = contenders[name];
        const serverBefore = await cpuTicks(server, servers);
        const mockBefore = await cpuTicks(mock, servers);
        const load = await runLoad({ target, stream, concurrency, requests, dispatcher });
        const serverTicks = (await cpuTicks(server, servers)) - serverBefore;
        const mockTicks = (await cpuTicks(mock, servers)) - mockBefore;
        records.get(name)?.push({ load, serverTicks, mockTicks });
        assertAllRunning(servers);
      }
    }
    return /** @type {Record<Name, import('./summarize-runs.mjs').TargetSummary>} */ (
      Object.fromEntries(names.map((name) => [name, summarizeRuns(records.get(name) ?? [])]))
    );
  };

  // Verify every contender once, then warm it up. The gateway target is also the pass-through path: once is enough.
  /** @type {{ name: string, contender: Contender, globalWarmUp: { requests: number, concurrency: number } }[]} */
  const toPrepare = [];
  if (options.overheadCells) {
    for (const name of TARGET_NAMES)
      toPrepare.push({ name, contender: contenders[name], globalWarmUp: GLOBAL_WARM_UP });
  }
  if (options.translatedCells) {
    for (const name of PATH_NAMES) {
      if (name === PASS_THROUGH_PATH && options.overheadCells) continue;
      const globalWarmUp = name === PASS_THROUGH_PATH ? GLOBAL_WARM_UP : TRANSLATED_WARM_UP;
      toPrepare.push({ name, contender: paths[name], globalWarmUp });
    }
  }
  if (redisContender !== undefined) {
    toPrepare.push({ name: REDIS_PATH, contender: redisContender, globalWarmUp: TRANSLATED_WARM_UP });
  }
  for (const { name, contender, globalWarmUp } of toPrepare) {
    await verifyTarget({ name, target: contender.target, dispatcher });
    for (const stream of [false, true]) await warmUp(name, contender, { stream, ...globalWarmUp });
  }
  assertAllRunning(servers);

  /** @type {import('./build-report.mjs').CellResult[]} */
  const cells = [];
  for (const mode of options.overheadCells ? options.modes : []) {
    const stream = mode === 'stream';
    for (const concurrency of options.concurrencies) {
      const cellStarted = Date.now();
      const rounds = roundsOf(options, 'overhead');
      const requests = requestsPerRound(options, concurrency, 'overhead');
      const targets = await measureCell({ contenders, names: TARGET_NAMES, stream, concurrency, rounds, requests });
      const cell = { mode, concurrency, rounds, targets };
      cells.push(cell);
      progress(`${mode} c=${concurrency} done in ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`);
      console.log(formatCell(cell));
      console.log('');
    }
  }

  /** @type {import('./build-translated-report.mjs').TranslatedCellResult[]} */
  const translatedCells = [];
  for (const mode of options.translatedCells ? options.modes : []) {
    const stream = mode === 'stream';
    for (const concurrency of options.translatedConcurrencies) {
      const cellStarted = Date.now();
      const rounds = roundsOf(options, 'translated');
      const requests = requestsPerRound(options, concurrency, 'translated');
      const measured = await measureCell({
        contenders: paths,
        names: PATH_NAMES,
        stream,
        concurrency,
        rounds,
        requests,
      });
      const cell = { mode, concurrency, rounds, paths: measured };
      translatedCells.push(cell);
      progress(`translated ${mode} c=${concurrency} done in ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`);
      console.log(formatTranslatedCell(cell));
      console.log('');
    }
  }

  /** @type {import('./redis-path.mjs').RedisCellResult[]} */
  const redisCells = [];
  if (redisContender !== undefined) {
    const redisPaths = { [GOVERNED_PATH]: paths[GOVERNED_PATH], [REDIS_PATH]: redisContender };
    const stream = REDIS_CELLS.mode === 'stream';
    for (const concurrency of REDIS_CELLS.concurrencies) {
      const cellStarted = Date.now();
      const rounds = roundsOf(options, 'translated');
      const requests = requestsPerRound(options, concurrency, 'translated');
      const measured = await measureCell({
        contenders: redisPaths,
        names: REDIS_PATH_NAMES,
        stream,
        concurrency,
        rounds,
        requests,
      });
      const cell = { mode: REDIS_CELLS.mode, concurrency, rounds, paths: measured };
      redisCells.push(cell);
      progress(
        `Redis ${REDIS_CELLS.mode} c=${concurrency} done in ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`,
      );
      console.log(formatRedisCell(cell));
      console.log('');
    }
  }
  await dispatcher.close();

  if (cells.length > 0) {
    console.log(formatSummary(cells));
    console.log('');
  }
  if (translatedCells.length > 0) {
    console.log(formatTranslatedSummary(translatedCells));
    console.log('');
  }
  if (redisCells.length > 0) {
    console.log(formatRedisSummary(redisCells));
    console.log('');
  } else if (options.redisCells) {
    console.log(`Redis path: skipped (${'skipped' in redisSetup ? redisSetup.skipped : 'no cells'})`);
    console.log('');
  }
  const failures = [
    ...cells.flatMap((cell) =>
      TARGET_NAMES.map((name) => ({ label: `${cell.mode} c=${cell.concurrency} ${name}`, target: cell.targets[name] })),
    ),
    ...translatedCells.flatMap((cell) =>
      PATH_NAMES.map((name) => ({
        label: `translated ${cell.mode} c=${cell.concurrency} ${name}`,
        target: cell.paths[name],
      })),
    ),
    ...redisCells.map((cell) => ({
      label: `Redis ${cell.mode} c=${cell.concurrency} ${REDIS_PATH}`,
      target: cell.paths[REDIS_PATH],
    })),
  ].filter(({ target }) => target.failed > 0);
  const failed = failures.reduce((sum, { target }) => sum + target.failed, 0);
  const json = {
    ...buildJsonSummary({ cells, environment, failed }),
    ...buildTranslatedJson(translatedCells),
    ...buildRedisJson(redisCells, 'skipped' in redisSetup && options.redisCells ? redisSetup.skipped : null),
  };
  console.log(`BENCH_JSON=${JSON.stringify(json)}`);
  progress(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (failed === 0) return 0;
  console.error(`\n!!! BENCHMARK FAILED: ${failed} requests failed. The numbers above are not trustworthy.`);
  for (const { label, target } of failures) {
    console.error(`!!! ${label}: ${target.failed} failed; first: ${target.firstError}`);
  }
  return 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  if (!interrupted) reportError(error);
} finally {
  await shutdown();
}
process.exitCode = exitCode;

/** @param {unknown} error */
function reportError(error) {
  const text = error instanceof BenchError ? error.message : error instanceof Error ? error.stack : String(error);
  console.error(`\n!!! BENCHMARK ERROR: ${text}`);
}
