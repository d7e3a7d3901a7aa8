import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** What looking for one command on this machine found. */
export interface ToolRuntime {
  installed: boolean;
  runnable: boolean;
  command: string;
  commandPath: string | null;
  /** `path`: found on PATH; `absolute`: a custom agent given as a path; `none`: not found. */
  runtimeMode: 'path' | 'absolute' | 'none';
  /** Why the tool is not usable (null when it is). */
  reason: string | null;
  version: string | null;
}

const versionTimeoutMs = 3000;

/**
 * Looks for `command` on the PATH of `env` (or at its absolute path), checks it is executable and, when asked,
 * runs `<command> --version` with a short timeout: a binary that is present but broken is "installed, not runnable".
 */
export async function findExecutable(
  command: string,
  env: NodeJS.ProcessEnv,
  options: { probeVersion?: boolean } = {},
): Promise<ToolRuntime> {
  const absolute = isAbsolute(command);
  const candidates = absolute ? [command] : (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  let present: string | null = null;
  for (const candidate of candidates) {
    const file = absolute ? candidate : join(candidate, command);
    if (!isFile(file)) continue;
    present ??= file;
    if (isExecutable(file)) {
      const runtimeMode = absolute ? 'absolute' : 'path';
      const base = { installed: true, command, commandPath: file, runtimeMode, version: null } as const;
      if (options.probeVersion === false) return { ...base, runnable: true, reason: null };
      const probe = await probeVersion(file, env);
      return { ...base, runnable: probe.ok, reason: probe.ok ? null : probe.reason, version: probe.version };
    }
  }
  if (present !== null) {
    return {
      installed: true,
      runnable: false,
      command,
      commandPath: present,
      runtimeMode: absolute ? 'absolute' : 'path',
      reason: `${present} is not executable`,
      version: null,
    };
  }
  return {
    installed: false,
    runnable: false,
    command,
    commandPath: null,
    runtimeMode: 'none',
    reason: absolute ? `${command} does not exist` : `'${command}' was not found on PATH`,
    version: null,
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Probe = { ok: true; version: string | null } | { ok: false; reason: string; version: null };

function probeVersion(file: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { env, timeout: versionTimeoutMs, maxBuffer: 64 * 1024 }, (error, stdout) => {
      if (error === null) {
        const line = stdout.toString().trim().split('\n')[0]?.trim() ?? '';
        resolve({ ok: true, version: line === '' ? null : line.slice(0, 200) });
        return;
      }
      const reason = error.killed ? `'${file} --version' timed out` : `'${file} --version' failed: ${error.message}`;
      resolve({ ok: false, reason: reason.slice(0, 300), version: null });
    });
  });
}
