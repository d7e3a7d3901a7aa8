#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { Agent } from 'undici';
// `npm run bench`: the gateway's own cost, measured against a minimal reference proxy and against the mock upstream
// called directly, in one run on one machine (style habit 14, architecture "Measure it"). See bench/README.md.
import { BenchError } from './bench-error.mjs';
import { buildJsonSummary, formatCell, formatSummary, TARGET_NAMES } from './build-report.mjs';
import { killAllProcessesNow, stopAllProcesses } from './child-processes.mjs';
import { clockTicksPerSecond, readCpuTicks } from './process-cpu.mjs';
import { readBenchOptions, requestsPerRound, warmUpRequests } from './read-bench-options.mjs';
import { runLoad } from './run-load.mjs';
import { CLIENT_API_KEY, startGateway, startMock, startReferenceProxy, UPSTREAM_API_KEY } from './start-targets.mjs';
import { summarizeRuns } from './summarize-runs.mjs';
import { verifyTarget } from './verify-target.mjs';

/**
 * @typedef {import('./build-report.mjs').TargetName} TargetName
 * @typedef {{ server: import('./child-processes.mjs').ServerProcess, target: import('./run-load.mjs').LoadTarget }} Contender
 */

// About 200 characters, like a short chat turn; the mock echoes it back, so it also sizes the answer.
const PROMPT =
  'Summarize in one sentence why a self-hosted AI gateway should add as little latency as possible to each ' +
  'request, given that clients stream tokens and users notice every extra millisecond of delay.';
const EXPECTED_TEXT = `Mock openai reply to: ${PROMPT}`;
const GLOBAL_WARM_UP = { requests: 1000, concurrency: 16 };

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

/** @param {{ url: string, model: string, apiKey: string }} options @returns {import('./run-load.mjs').LoadTarget} */
function loadTarget({ url, model, apiKey }) {
  const body = (/** @type {boolean} */ stream) =>
    JSON.stringify({ model, messages: [{ role: 'user', content: PROMPT }], stream });
  return {
    url: `${url}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    bodies: { json: body(false), stream: body(true) },
  };
}

/** @param {Record<TargetName, Contender>} contenders */
function assertAllRunning(contenders) {
  for (const { server } of Object.values(contenders)) {
    const status = server.exitStatus();
    if (status !== undefined)
      throw new BenchError(`${server.name} ${status} during the run. Its last output:\n${server.tail()}`);
  }
}

/**
 * @param {import('./child-processes.mjs').ServerProcess} server
 * @param {Record<TargetName, Contender>} contenders
 */
async function cpuTicks(server, contenders) {
  try {
    return readCpuTicks(server.pid);
  } catch (error) {
    // Gone from /proc: it died. Its 'exit' event, which says how, may still be on its way.
    await setTimeout(200);
    assertAllRunning(contenders);
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
  /** @type {Record<TargetName, Contender>} */
  const contenders = {
    direct: { server: mock, target: loadTarget({ url: mockUrl, model: 'gpt-4.1', apiKey: UPSTREAM_API_KEY }) },
    reference: {
      server: reference,
      target: loadTarget({ url: reference.match[1], model: 'openai/gpt-4.1', apiKey: CLIENT_API_KEY }),
    },
    gateway: {
      server: gateway,
      target: loadTarget({ url: gateway.match[1], model: 'openai/gpt-4.1', apiKey: CLIENT_API_KEY }),
    },
  };

  const maxConcurrency = Math.max(GLOBAL_WARM_UP.concurrency, ...options.concurrencies);
  // The load generator's own keep-alive pool; generous timeouts so a stalled server shows as failures, not a hang.
  const dispatcher = new Agent({ connections: maxConcurrency, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const environment = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    scale: options.scale,
    rounds: options.rounds,
    clockTicksPerSecond: ticksPerSecond,
    gateway: options.gateway === 'reference' ? 'reference proxy (A/A run)' : 'omniroute',
  };
  console.log(
    `OmniRoute overhead benchmark: node ${environment.node}, ${environment.platform}, ${environment.cpus} CPUs ` +
      `(${environment.cpuModel}), BENCH_SCALE=${options.scale}, ${options.rounds} rounds, CLK_TCK=${ticksPerSecond}` +
      (options.gateway === 'reference' ? '\nA/A run: a second reference proxy stands in the gateway slot.' : ''),
  );
  console.log('');

  /** @param {TargetName} name @param {{ stream: boolean, concurrency: number, requests: number }} load */
  const warmUp = async (name, { stream, concurrency, requests }) => {
    const result = await runLoad({ target: contenders[name].target, stream, concurrency, requests, dispatcher });
    if (result.failed > 0) {
      await setTimeout(200);
      assertAllRunning(contenders);
      throw new BenchError(
        `${name}: ${result.failed} of ${requests} warm-up requests failed; first: ${result.firstError}`,
      );
    }
  };

  for (const name of TARGET_NAMES) {
    await verifyTarget({ name, target: contenders[name].target, expectedText: EXPECTED_TEXT, dispatcher });
    for (const stream of [false, true]) await warmUp(name, { stream, ...GLOBAL_WARM_UP });
  }
  assertAllRunning(contenders);

  /** @type {import('./build-report.mjs').CellResult[]} */
  const cells = [];
  for (const mode of options.modes) {
    const stream = mode === 'stream';
    for (const concurrency of options.concurrencies) {
      const cellStarted = Date.now();
      const requests = requestsPerRound(options, concurrency);
      for (const name of TARGET_NAMES)
        await warmUp(name, { stream, concurrency, requests: warmUpRequests(concurrency) });
      /** @type {Record<TargetName, import('./summarize-runs.mjs').RoundRecord[]>} */
      const records = { direct: [], reference: [], gateway: [] };
      for (let round = 0; round < options.rounds; round++) {
        for (const name of rotate(TARGET_NAMES, round)) {
          const { server, target } = contenders[name];
          const serverBefore = await cpuTicks(server, contenders);
          const mockBefore = await cpuTicks(mock, contenders);
          const load = await runLoad({ target, stream, concurrency, requests, dispatcher });
          const serverTicks = (await cpuTicks(server, contenders)) - serverBefore;
          const mockTicks = (await cpuTicks(mock, contenders)) - mockBefore;
          records[name].push({ load, serverTicks, mockTicks });
          assertAllRunning(contenders);
        }
      }
      const cell = {
        mode,
        concurrency,
        rounds: options.rounds,
        targets: {
          direct: summarizeRuns(records.direct),
          reference: summarizeRuns(records.reference),
          gateway: summarizeRuns(records.gateway),
        },
      };
      cells.push(cell);
      progress(`${mode} c=${concurrency} done in ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`);
      console.log(formatCell(cell));
      console.log('');
    }
  }
  await dispatcher.close();

  console.log(formatSummary(cells));
  console.log('');
  const failures = cells.flatMap((cell) =>
    TARGET_NAMES.filter((name) => cell.targets[name].failed > 0).map((name) => ({ cell, name })),
  );
  const failed = failures.reduce((sum, { cell, name }) => sum + cell.targets[name].failed, 0);
  console.log(`BENCH_JSON=${JSON.stringify(buildJsonSummary({ cells, environment, failed }))}`);
  progress(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (failed === 0) return 0;
  console.error(`\n!!! BENCHMARK FAILED: ${failed} requests failed. The numbers above are not trustworthy.`);
  for (const { cell, name } of failures) {
    const target = cell.targets[name];
    console.error(
      `!!! ${cell.mode} c=${cell.concurrency} ${name}: ${target.failed} failed; first: ${target.firstError}`,
    );
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
