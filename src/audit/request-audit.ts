import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../http/client-address.js';
import type { AuditLog } from './audit-log.js';

/** Who made a management request, set by management auth. Kept beside the request, not on it. */
const actors = new WeakMap<FastifyRequest, string>();
/** Requests a route has recorded explicitly; the generic hook then adds an entry only if it found changes. */
const audited = new WeakSet<FastifyRequest>();

export function setRequestActor(request: FastifyRequest, actor: string): void {
  actors.set(request, actor);
}

export function requestActor(request: FastifyRequest): string {
  return actors.get(request) ?? (request.identity === undefined ? 'anonymous' : `key:${request.identity.keyName}`);
}

export function wasAudited(request: FastifyRequest): boolean {
  return audited.has(request);
}

/** Records an entry for this request: its actor and client IP filled in. */
export function auditRequest(
  audit: AuditLog,
  request: FastifyRequest,
  entry: { action: string; target?: string | null; details?: unknown; actor?: string },
): void {
  audited.add(request);
  const { action, target, details, actor = requestActor(request) } = entry;
  audit.record({ actor, ip: clientAddress(request), action, target, details });
}
