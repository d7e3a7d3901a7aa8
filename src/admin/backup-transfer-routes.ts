import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorMessage, GatewayError } from '../core/errors.js';
import { runAfterResponse } from '../http/run-after-response.js';
import type { BackupService } from '../operations/backup-service.js';
import { buildExportArchive } from '../operations/export-archive.js';
import type { OperationsContext } from '../operations/operations-context.js';
import { prepareDatabaseSwap } from '../operations/prepare-database-swap.js';
import type { SettingsService } from '../settings/settings-service.js';

/**
 * Downloads and uploads of the whole database: `GET /api/db-backups/export` (.sqlite), `GET /api/db-backups/exportAll`
 * (.tar.gz with the database, the settings and a manifest) and `POST /api/db-backups/import` (multipart upload of a
 * .sqlite file, restored like a backup). Exports are consistent online backups taken at the moment of the request.
 */
export async function registerBackupTransferRoutes(
  app: FastifyInstance,
  {
    operations,
    settings,
    backups,
  }: { operations: OperationsContext; settings: SettingsService; backups: BackupService },
): Promise<void> {
  const { lifecycle, logger, secrets } = operations;

  app.get('/api/db-backups/export', async (_request, reply) => {
    const path = backups.store.temporaryPath('export');
    await backups.copyTo(path);
    const size = statSync(path).size;
    return sendTemporaryFile(reply, path, createReadStream(path), {
      type: 'application/vnd.sqlite3',
      filename: `omniroute-${fileStamp()}.sqlite`,
      size,
    });
  });

  app.get('/api/db-backups/exportAll', async (_request, reply) => {
    const path = backups.store.temporaryPath('export-all');
    await backups.copyTo(path);
    const archive = buildExportArchive({ databaseFile: path });
    return sendTemporaryFile(reply, path, archive, {
      type: 'application/gzip',
      filename: `omniroute-export-${fileStamp()}.tar.gz`,
    });
  });

  // Multipart parsing only for the import route: everywhere else a form upload stays a 415.
  await app.register(async (scope) => {
    await scope.register(multipart);
    scope.post('/api/db-backups/import', async (request, reply) => {
      if (!request.isMultipart()) {
        throw new GatewayError(
          'unsupported_media_type',
          'Upload the database as multipart/form-data with a file field (curl -F file=@backup.sqlite).',
        );
      }
      const maxBytes = settings.value.backups.maxImportMb * 1024 * 1024;
      const upload = backups.store.temporaryPath('upload');
      try {
        const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10 } });
        if (file === undefined)
          throw new GatewayError('invalid_request', 'The upload holds no file.', { param: 'file' });
        await pipeline(file.file, createWriteStream(upload, { mode: 0o600 }));
        if (file.file.truncated) throw tooLarge(maxBytes);
      } catch (error) {
        rmSync(upload, { force: true });
        throw uploadError(error, maxBytes);
      }
      const { swap, safetyBackup } = await prepareDatabaseSwap({
        candidate: upload,
        owned: true,
        label: 'The uploaded file',
        param: 'file',
        safetyReason: 'pre-import',
        backups,
        secrets,
      });
      runAfterResponse(reply, logger, () => lifecycle.restart(swap));
      return reply.code(202).send({ status: 'restoring', safetyBackup: safetyBackup.name });
    });
  });
}

function sendTemporaryFile(
  reply: FastifyReply,
  path: string,
  body: Readable,
  { type, filename, size }: { type: string; filename: string; size?: number },
): FastifyReply {
  // The temporary copy goes as soon as the download ends or is abandoned.
  body.once('close', () => rmSync(path, { force: true }));
  void reply.type(type).header('content-disposition', `attachment; filename="${filename}"`);
  if (size !== undefined) void reply.header('content-length', String(size));
  return reply.send(body);
}

function fileStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError(
    'payload_too_large',
    `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB import limit (settings: backups.maxImportMb).`,
    { param: 'file' },
  );
}

function uploadError(error: unknown, maxBytes: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  const message = errorMessage(error);
  return new GatewayError('invalid_request', `The upload could not be read: ${message}`, { param: 'file' });
}
