import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError } from '../core/errors.js';
import type { BackupInfo, BackupReason } from '../storage/backups/backup-store.js';
import { checkDatabaseFile } from '../storage/backups/check-database-file.js';
import type { SecretBox } from '../storage/secret-box.js';
import type { BackupService } from './backup-service.js';
import type { DatabaseSwap } from './gateway-supervisor.js';

export interface SwapRequest {
  /** The database file to put in place. */
  candidate: string;
  /** True when `candidate` is a temporary file this swap may consume (an upload); false for a listed backup. */
  owned: boolean;
  /** How the file is named in error messages, and which input field it came from. */
  label: string;
  param: string;
  safetyReason: BackupReason;
  backups: BackupService;
  secrets: SecretBox;
}

/**
 * The checked half of a restore or import, done while the gateway keeps serving: the candidate must pass every check
 * (a bad file changes nothing), then a safety backup of the live data is taken. The swap itself happens during a
 * restart (see GatewayLifecycle.restart).
 */
export async function prepareDatabaseSwap(
  request: SwapRequest,
): Promise<{ swap: DatabaseSwap; safetyBackup: BackupInfo }> {
  const { candidate, owned, label, param, safetyReason, backups, secrets } = request;
  // Work on a private copy: checking opens the file, and pruning could otherwise remove a listed backup halfway.
  let source = candidate;
  if (!owned) {
    source = backups.store.temporaryPath('restore');
    copyFileSync(candidate, source);
  }
  const discard = () => rmSync(source, { force: true });
  const check = await checkDatabaseFile(source, secrets);
  if (!check.ok) {
    discard();
    throw new GatewayError('invalid_request', `${label} cannot be restored: ${check.reason}. Nothing was changed.`, {
      param,
    });
  }
  let safetyBackup: BackupInfo;
  try {
    safetyBackup = await backups.backup(safetyReason);
  } catch (error) {
    discard();
    throw error;
  }
  return {
    safetyBackup,
    swap: { source, fallback: join(backups.store.directory, safetyBackup.name), cleanup: discard },
  };
}
