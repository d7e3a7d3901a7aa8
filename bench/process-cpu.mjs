// CPU time of another process, read from /proc/<pid>/stat (proc(5)): the servers under test run in their own
// processes, so their cost is measured apart from the load generator's.

import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BenchError } from './bench-error.mjs';

/** @type {number | undefined} */
let ticksPerSecond;

/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat: normally 100, so one tick is 10 ms. */
export function clockTicksPerSecond() {
  if (ticksPerSecond === undefined) {
    const value = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim());
    if (!Number.isInteger(value) || value <= 0)
      throw new BenchError(`getconf CLK_TCK printed '${value}', not a tick rate`);
    ticksPerSecond = value;
  }
  return ticksPerSecond;
}

/** User + system CPU time of a process (all its threads), in clock ticks. @param {number} pid */
export function readCpuTicks(pid) {
  /** @type {string} */
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    throw new BenchError(
      `cannot read the CPU time of process ${pid}: ${error instanceof Error ? error.message : error}`,
    );
  }
  // Field 2, the command name, is in parentheses and may hold spaces: count the fields after the last ')'.
  // What follows starts at field 3 (state), so utime (field 14) and stime (field 15) are at indexes 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** @param {number} ticks */
export function ticksToMicroseconds(ticks) {
  return (ticks * 1e6) / clockTicksPerSecond();
}
