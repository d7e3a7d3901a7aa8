import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onErrorHookHandler,
  onSendHookHandler,
  preHandlerHookHandler,
  RouteOptions,
} from 'fastify';
import { auditActionFor } from './audit-action.js';
import type { AuditLog } from './audit-log.js';
import type { SnapshotLookup } from './audit-snapshots.js';
import type { BlockedRequestAudit } from './blocked-request-audit.js';
import { diffValues } from './diff-values.js';
import { auditRequest, wasAudited } from './request-audit.js';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place configuration changes are audited. Every management route that can change state gets a preHandler
 * (a before-view, where a snapshot is known) and an onSend hook (after a success: action, target, and either what
 * changed, what was deleted, or the redacted input). Attached per route in `onRoute`, so client routes pay nothing
 * (they only get an `onError` hook that records refused requests). Register before the routes.
 */
export function registerAuditHooks(
  app: FastifyInstance,
  {
    audit,
    snapshots,
    blockedRequests,
  }: { audit: AuditLog; snapshots: SnapshotLookup; blockedRequests: BlockedRequestAudit },
): void {
  const befores = new WeakMap<FastifyRequest, unknown>();

  const preHandler: preHandlerHookHandler = async (request) => {
    const snapshot = snapshots(request.method, request.routeOptions.url ?? '');
    if (snapshot === undefined || readMethods.has(request.method)) return;
    try {
      befores.set(request, cloneJson(await snapshot.before(request)));
    } catch {
      // The audit must never break the change it describes: without a before-view the entry records the input.
    }
  };

  const onSend: onSendHookHandler = async (request, reply, payload) => {
    if (reply.statusCode < 400 && !readMethods.has(request.method)) {
      recordChange({ audit, request, reply, payload, before: befores.get(request), snapshots });
    }
    return payload;
  };

  // Errors thrown before a client route's handler (the IP filter's onRequest hook) reach this; refusals inside the
  // generation pipeline are answered there and reported through its own `onRefused`.
  const onError: onErrorHookHandler = async (request, _reply, error) => blockedRequests.record(request, error);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.config?.clientFormat !== undefined) route.onError = [...asArray(route.onError), onError];
    if (!isAuditedRoute(route)) return;
    route.preHandler = [...asArray(route.preHandler), preHandler];
    route.onSend = [...asArray(route.onSend), onSend];
  });
}

/** Management routes that may change state; login and logout record their own entries; client routes never. */
function isAuditedRoute(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return (
    route.url.startsWith('/api/') &&
    !route.url.startsWith('/api/auth/') &&
    // Sync bundle pushes are machine traffic carrying whole (encrypted) configurations, not a user's change.
    !route.url.startsWith('/api/cloud/') &&
    route.config?.clientFormat === undefined &&
    methods.some((method) => !readMethods.has(method))
  );
}

function recordChange({
  audit,
  request,
  reply,
  payload,
  before,
  snapshots,
}: {
  audit: AuditLog;
  request: FastifyRequest;
  reply: FastifyReply;
  payload: unknown;
  before: unknown;
  snapshots: SnapshotLookup;
}): void {
  const route = request.routeOptions.url ?? request.url;
  const { action, target: pathTarget } = auditActionFor(request.method, route);
  const params = asRecord(request.params);
  const body = asRecord(request.body);
  const answer = parseAnswer(payload, reply);
  const details: Record<string, unknown> = { request: `${request.method} ${route}` };
  if (params !== undefined && Object.keys(params).length > 0) details.params = params;
  let changed = false;
  if (before !== undefined && request.method === 'DELETE') {
    details.before = before;
  } else if (before !== undefined && answer !== undefined) {
    const after = snapshots(request.method, route)?.after?.(answer) ?? answer;
    const changes = diffValues(before, after);
    details.changes = changes;
    changed = Object.keys(changes).length > 0;
  } else if (body !== undefined && Object.keys(body).length > 0) {
    details.input = body;
  }
  // A route that recorded its own entry (a password change) gets a generic one only when something else changed.
  if (wasAudited(request) && !changed) return;
  const target =
    params?.id ??
    params?.alias ??
    asRecord(request.query)?.alias ??
    asRecord(answer)?.id ??
    pathTarget ??
    body?.name ??
    body?.alias;
  auditRequest(audit, request, { action, target: typeof target === 'string' ? target : null, details });
}

function parseAnswer(payload: unknown, reply: FastifyReply): unknown {
  if (typeof payload !== 'string' || payload === '') return undefined;
  if (!String(reply.getHeader('content-type') ?? '').includes('json')) return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

function cloneJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
