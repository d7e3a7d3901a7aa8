// The benchmark's servers, each in its own process. Their output is always drained (a server that logs into a full
// pipe would stall and look slow) and its last lines kept for error messages. Every process started here is stopped
// on the way out, whatever the way out is.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BenchError } from './bench-error.mjs';

const TAIL_LINES = 40;
const STOP_GRACE_MS = 10_000;

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();

/**
 * @typedef {object} ServerProcess
 * @property {string} name
 * @property {number} pid
 * @property {RegExpExecArray} match the ready line's match
 * @property {() => string} tail the last lines it printed
 * @property {() => string | undefined} exitStatus set once it exited
 */

/**
 * Starts a process and resolves once a line of its stdout matches `ready`.
 * @param {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, cwd?: string, ready: RegExp, timeoutMs?: number }} options
 * @returns {Promise<ServerProcess>}
 */
export function startProcess({ name, command, args, env = process.env, cwd, ready, timeoutMs = 30_000 }) {
  // detached: its own process group, so a Ctrl-C in the terminal reaches only the benchmark, which then stops the
  // servers in order instead of having them die mid-run and show up as failed requests.
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  /** @type {string[]} */
  const lines = [];
  /** @type {string | undefined} */
  let exitStatus;
  const tail = () => lines.join('\n');
  return new Promise((resolve, reject) => {
    let settled = false;
    /** @param {string} reason */
    const fail = (reason) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new BenchError(`${name} ${reason}. Its last output:\n${tail() || '(nothing)'}`));
    };
    const timer = setTimeout(() => fail(`did not print its ready line within ${timeoutMs} ms`), timeoutMs);
    /** @param {string} line @param {boolean} isStdout */
    const onLine = (line, isStdout) => {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      if (settled || !isStdout) return;
      const match = ready.exec(line);
      if (match === null || child.pid === undefined) return;
      settled = true;
      clearTimeout(timer);
      resolve({ name, pid: child.pid, match, tail, exitStatus: () => exitStatus });
    };
    createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).on('line', (line) =>
      onLine(line, true),
    );
    createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stderr) }).on('line', (line) =>
      onLine(line, false),
    );
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
    child.once('exit', (code, signal) => {
      running.delete(child);
      exitStatus = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      // Let the output still in the pipes reach the tail before reporting.
      setImmediate(() => fail(`${exitStatus} before it was ready`));
    });
  });
}

/** SIGTERM to every process still running, SIGKILL to those still there after a grace period. */
export async function stopAllProcesses() {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** For process 'exit', where nothing asynchronous runs any more. */
export function killAllProcessesNow() {
  for (const child of running) child.kill('SIGKILL');
}
