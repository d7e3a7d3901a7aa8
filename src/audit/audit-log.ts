import type { Logger } from '../observability/logger.js';
import { redactSecrets } from '../observability/redact-secrets.js';
import { BatchWriter } from '../storage/batch-writer.js';
import type { AuditLogRepository, NewAuditLogRow } from '../storage/repositories/audit-log-repository.js';

export interface AuditEntry {
  /** 'dashboard', 'key:<name>', 'cli', 'config-file', 'anonymous'. */
  actor: string;
  ip?: string | null;
  action: string;
  target?: string | null;
  /** Any JSON-like value; secrets are redacted here, whoever calls. */
  details?: unknown;
}

export interface AuditLogOptions {
  repository: AuditLogRepository;
  logger: Logger;
  flushIntervalMs?: number;
  now?: () => number;
}

/**
 * The audit log's writer. `record` never waits on the database (rows are batched like request logs) and redacts
 * secrets itself, so no caller can store one by mistake. `close()` flushes on shutdown.
 */
export class AuditLog extends BatchWriter<NewAuditLogRow> {
  private readonly now: () => number;

  constructor({ repository, logger, flushIntervalMs, now = Date.now }: AuditLogOptions) {
    super({ name: 'audit log', write: (rows) => repository.insertMany(rows), logger, flushIntervalMs });
    this.now = now;
  }

  record(entry: AuditEntry): void {
    this.enqueue(toAuditRow(entry, this.now()));
  }
}

/** An audit row says what changed, not the whole of a prompt or a pasted file: details are cut to this size. */
const auditBounds = { maxDepth: 8, maxStringLength: 500, maxArrayItems: 50 };

/** A stored row, secrets redacted: also for tools that write to the database directly (the CLI). */
export function toAuditRow(
  { actor, ip = null, action, target = null, details }: AuditEntry,
  createdAt: number,
): NewAuditLogRow {
  return {
    created_at: createdAt,
    actor,
    ip,
    action,
    target,
    details: details === undefined ? null : JSON.stringify(redactSecrets(details, auditBounds)),
  };
}
