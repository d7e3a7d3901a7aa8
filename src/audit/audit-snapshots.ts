import type { FastifyRequest } from 'fastify';
import { comboView } from '../admin/combo-routes.js';
import { connectionView } from '../admin/connection-view.js';
import { keyView } from '../admin/keys-routes.js';
import { nodeView } from '../admin/provider-nodes-routes.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Repositories } from '../storage/repositories.js';

/** How the audit hook sees an object before a route changes it, to record what changed. */
export interface AuditSnapshot {
  /** The object before the change, in the shape the route answers with (undefined when it does not exist). */
  before(request: FastifyRequest): Promise<unknown>;
  /** The object after the change, from the route's answer, when the answer wraps it. */
  after?(answer: unknown): unknown;
}

export type SnapshotLookup = (method: string, route: string) => AuditSnapshot | undefined;

interface SnapshotSources {
  repositories: Repositories;
  settings: SettingsService;
  runtime: RoutingRuntime;
}

const param = (request: FastifyRequest, name: string): string | undefined =>
  (request.params as Record<string, string | undefined>)[name];

/**
 * Before-views of the objects that management routes update or delete, keyed by `METHOD /route/pattern`. One
 * cheap read per change, on management routes only; the route's own answer is the after-view.
 */
export function createAuditSnapshots({ repositories, settings, runtime }: SnapshotSources): SnapshotLookup {
  const byId = <Record>(load: (id: string) => Promise<Record | undefined>, view: (record: Record) => unknown) => ({
    before: async (request: FastifyRequest) => {
      const id = param(request, 'id');
      const record = id === undefined ? undefined : await load(id);
      return record === undefined ? undefined : view(record);
    },
  });
  const connection = byId((id) => repositories.connections.get(id), connectionView);
  const node = byId((id) => repositories.providerNodes.get(id), nodeView);
  const combo = byId((id) => repositories.combos.get(id), comboView);
  const key = byId(async (id) => (await repositories.apiKeys.list()).find((record) => record.id === id), keyView);
  const alias = (name: (request: FastifyRequest) => unknown): AuditSnapshot => ({
    before: async (request) => (await repositories.aliases.list()).find((entry) => entry.alias === name(request)),
  });
  const allSettings: AuditSnapshot = { before: async () => settings.value };

  const table: Record<string, AuditSnapshot> = {
    'PUT /api/providers/:id': connection,
    'DELETE /api/providers/:id': connection,
    'PUT /api/provider-nodes/:id': node,
    'DELETE /api/provider-nodes/:id': node,
    'PUT /api/combos/:id': combo,
    'DELETE /api/combos/:id': combo,
    'DELETE /api/keys/:id': key,
    'POST /api/models/alias': alias((request) => (request.body as { alias?: unknown } | undefined)?.alias),
    'DELETE /api/models/alias/:alias': alias((request) => param(request, 'alias')),
    'DELETE /api/models/alias': alias((request) => (request.query as { alias?: unknown }).alias),
    'PUT /api/settings': allSettings,
    'PATCH /api/settings': allSettings,
    'PUT /api/settings/require-login': { before: async () => ({ requireLogin: settings.value.requireLogin }) },
    'PATCH /api/resilience': {
      before: async () => ({ routing: runtime.routing, ...runtime.resilience }),
      after: (answer) => (answer as { settings?: unknown } | undefined)?.settings,
    },
  };

  return (method, route) => table[`${method} ${route}`] ?? settingsSection(settings, method, route);
}

/**
 * `PUT/PATCH /api/settings/<section>` for a section stored in the settings service (`ip-filter` → `ipFilter`):
 * the section as it was, compared with the route's answer.
 */
function settingsSection(settings: SettingsService, method: string, route: string): AuditSnapshot | undefined {
  if (method !== 'PUT' && method !== 'PATCH') return undefined;
  const match = /^\/api\/settings\/([a-z-]+)$/.exec(route);
  if (match?.[1] === undefined) return undefined;
  const section = match[1].replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  if (!(section in settings.value)) return undefined;
  return { before: async () => (settings.value as Record<string, unknown>)[section] };
}
