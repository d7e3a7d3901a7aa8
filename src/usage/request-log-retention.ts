import type { RequestLogBodiesRepository } from '../storage/repositories/request-log-bodies-repository.js';
import type { RequestLogsRepository } from '../storage/repositories/request-logs-repository.js';
import { RetentionPurge, type RetentionPurgeOptions } from '../storage/retention-purge.js';

export interface RequestLogRetentionOptions extends Omit<RetentionPurgeOptions, 'what' | 'tables'> {
  logs: RequestLogsRepository;
  bodies: RequestLogBodiesRepository;
}

/** Keeps the request log (rows, then their stored bodies) to the `requestLogs.retentionDays` setting. */
export class RequestLogRetention extends RetentionPurge {
  constructor({ logs, bodies, ...options }: RequestLogRetentionOptions) {
    super({
      ...options,
      what: 'request logs',
      tables: [
        (cutoff, limit) => logs.deleteOlderThan(cutoff, limit),
        (cutoff, limit) => bodies.deleteOlderThan(cutoff, limit),
      ],
    });
  }
}
