import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage, GatewayError } from '../core/errors.js';
import { configPath, type SetupValues, toolConfigs } from './tool-configs.js';
import { unifiedDiff } from './unified-diff.js';

export interface SetupResult {
  tool: string;
  file: string;
  dryRun: boolean;
  /** False when the file already says exactly this (nothing to write). */
  changed: boolean;
  diff: string;
  written: boolean;
  /** The previous file, kept before writing (null when there was none or nothing was written). */
  backup: string | null;
  notes: string[];
}

/** Tools whose config OmniRoute knows how to write. */
export const setupTools = Object.entries(toolConfigs)
  .filter(([, config]) => config.apply !== undefined)
  .map(([id]) => id);

/**
 * Points a tool at the gateway: computes the new config (merged into the user's own settings), returns its diff,
 * and unless `dryRun` writes it atomically (temp file + rename) after copying the previous file to
 * `<file>.omniroute-backup-<timestamp>`.
 */
export function setupTool(tool: string, values: SetupValues, options: { home: string; dryRun: boolean }): SetupResult {
  const config = Object.hasOwn(toolConfigs, tool) ? toolConfigs[tool] : undefined;
  if (config?.apply === undefined) {
    throw new GatewayError(
      'invalid_request',
      `Cannot write the config of '${tool}'; supported: ${setupTools.join(', ')}.`,
      {
        param: 'toolId',
      },
    );
  }
  const file = configPath(config, options.home);
  const exists = existsSync(file);
  const before = exists ? readFileSync(file, 'utf8') : '';
  let after: string;
  try {
    after = config.apply(before, values);
  } catch (error) {
    const why = errorMessage(error);
    throw new GatewayError('invalid_request', `${file} could not be read, so it was left untouched: ${why}`);
  }
  const diff = unifiedDiff(before, after, file, !exists);
  const notes = config.notes?.(values) ?? [];
  const result = { tool, file, dryRun: options.dryRun, changed: diff !== '', diff, notes };
  if (options.dryRun || diff === '') return { ...result, written: false, backup: null };

  mkdirSync(dirname(file), { recursive: true });
  let backup: string | null = null;
  if (exists) {
    backup = `${file}.omniroute-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(file, backup);
  }
  const temporary = `${file}.omniroute-${process.pid}.tmp`;
  // Config files may hold keys: readable by the user only.
  writeFileSync(temporary, after, { mode: 0o600 });
  renameSync(temporary, file);
  return { ...result, written: true, backup };
}
