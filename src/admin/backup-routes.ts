import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { runAfterResponse } from '../http/run-after-response.js';
import type { BackupService } from '../operations/backup-service.js';
import type { OperationsContext } from '../operations/operations-context.js';
import { prepareDatabaseSwap } from '../operations/prepare-database-swap.js';
import type { SettingsService } from '../settings/settings-service.js';
import { parseInput } from './parse-input.js';

export const restoreBackupSchema = z.object({ name: z.string().min(1) }).strict();

/**
 * `GET /api/db-backups` (list), `PUT` (a backup now), `POST {name}` (restore one). A restore checks the backup,
 * takes a safety backup, answers 202, then restarts the gateway on the restored database: every cache, index and
 * in-memory state is rebuilt from it, exactly as at start. If the gateway cannot start on it, the safety backup is
 * put back.
 */
export async function registerBackupRoutes(
  app: FastifyInstance,
  {
    operations,
    settings,
    backups,
  }: { operations: OperationsContext; settings: SettingsService; backups: BackupService },
): Promise<void> {
  const { lifecycle, logger, secrets } = operations;

  app.get('/api/db-backups', async () => ({
    backups: backups.list(),
    ...settings.value.backups,
  }));

  app.put('/api/db-backups', async (request, reply) => {
    parseInput(z.object({}).strict(), request.body);
    return reply.code(201).send({ backup: await backups.backup('manual') });
  });

  app.post('/api/db-backups', { config: { openapi: { body: restoreBackupSchema } } }, async (request, reply) => {
    const { name } = parseInput(restoreBackupSchema, request.body);
    const candidate = backups.store.resolve(name);
    if (candidate === undefined) throw new GatewayError('not_found', `No backup named '${name}'.`, { param: 'name' });
    const { swap, safetyBackup } = await prepareDatabaseSwap({
      candidate,
      owned: false,
      label: `Backup '${name}'`,
      param: 'name',
      safetyReason: 'pre-restore',
      backups,
      secrets,
    });
    runAfterResponse(reply, logger, () => lifecycle.restart(swap));
    return reply.code(202).send({ status: 'restoring', restoring: name, safetyBackup: safetyBackup.name });
  });
}
