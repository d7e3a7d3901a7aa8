import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../observability/logger.js';
import type { OAuthTokensRepository } from '../storage/repositories/oauth-tokens-repository.js';
import { quotaHeaders } from './quota-reset.js';

/**
 * Keeps the usage windows each subscription account reports in its answer headers (Claude's unified limits,
 * Codex's primary/secondary windows) for the management API. Written off the request path, at most once per
 * interval per account, and only when the values changed.
 */
export class QuotaRecorder {
  private readonly last = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly options: {
      repository: OAuthTokensRepository;
      logger: Logger;
      intervalMs?: number;
      now?: () => number;
    },
  ) {}

  observe(connectionId: string, headers: IncomingHttpHeaders): void {
    const found = quotaHeaders(headers);
    if (found === undefined) return;
    const now = (this.options.now ?? Date.now)();
    const json = JSON.stringify(found);
    const previous = this.last.get(connectionId);
    if (previous !== undefined && (previous.json === json || now - previous.at < (this.options.intervalMs ?? 10_000))) {
      return;
    }
    this.last.set(connectionId, { json, at: now });
    const quota = { updatedAt: new Date(now).toISOString(), headers: found };
    this.options.repository.saveQuota(connectionId, quota).catch((error: unknown) => {
      this.options.logger.warn({ err: error, connection: connectionId }, 'saving quota windows failed');
    });
  }
}
