import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../core/errors.js';
import { clientAddress } from '../http/client-address.js';
import type { AuditLog } from './audit-log.js';
import { requestActor } from './request-audit.js';

export interface BlockedRequestAuditOptions {
  audit: AuditLog;
  /** At most one entry per client IP and reason in this time; the repeats are counted into the next one. */
  intervalMs?: number;
  /** Distinct (IP, reason) pairs remembered at most: a flood of addresses cannot grow memory. */
  maxTracked?: number;
  now?: () => number;
}

interface Window {
  until: number;
  repeats: number;
}

/**
 * Records client requests refused by the IP filter or a routing policy (a 403 `forbidden`) as `request.blocked`.
 * A blocked client that keeps retrying would fill the log, so each (IP, reason) is recorded once per interval,
 * with the number of repeats since the previous entry.
 */
export class BlockedRequestAudit {
  private readonly windows = new Map<string, Window>();
  private readonly audit: AuditLog;
  private readonly intervalMs: number;
  private readonly maxTracked: number;
  private readonly now: () => number;

  constructor({ audit, intervalMs = 60_000, maxTracked = 1000, now = Date.now }: BlockedRequestAuditOptions) {
    this.audit = audit;
    this.intervalMs = intervalMs;
    this.maxTracked = maxTracked;
    this.now = now;
  }

  /** Any error a client request ended with; only refusals are recorded. */
  record(request: FastifyRequest, error: unknown): void {
    if (!(error instanceof GatewayError) || error.code !== 'forbidden') return;
    const ip = clientAddress(request);
    const key = `${ip}\n${error.message}`;
    const time = this.now();
    const window = this.windows.get(key);
    if (window !== undefined && window.until > time) {
      window.repeats += 1;
      return;
    }
    this.windows.delete(key);
    this.windows.set(key, { until: time + this.intervalMs, repeats: 0 });
    if (this.windows.size > this.maxTracked) this.windows.delete(this.windows.keys().next().value ?? key);
    const model = (request.body as { model?: unknown } | undefined)?.model;
    this.audit.record({
      actor: requestActor(request),
      ip,
      action: 'request.blocked',
      target: typeof model === 'string' ? model : null,
      details: {
        reason: error.message,
        route: `${request.method} ${request.url.split('?', 1)[0]}`,
        ...(window?.repeats ? { repeatsBefore: window.repeats } : {}),
      },
    });
  }
}
