/**
 * Audit action names for management routes, derived from the route pattern: `POST /api/providers` →
 * 'provider.create', `DELETE /api/keys/:id` → 'key.revoke', `POST /api/providers/:id/test` → 'provider.test',
 * `PUT /api/settings/require-login` → 'settings.update' (target 'require-login'). A route missing from the table
 * still gets a stable name from its path and method, so new routes are audited without touching this file.
 */
interface Resource {
  prefix: string;
  name: string;
  /** Verbs for this resource's own path, where the method alone would mislead. */
  verbs?: Partial<Record<string, string>>;
}

const resources: Resource[] = [
  { prefix: '/api/provider-nodes', name: 'node' },
  { prefix: '/api/provider-models', name: 'provider-model' },
  { prefix: '/api/providers', name: 'provider' },
  { prefix: '/api/keys', name: 'key', verbs: { DELETE: 'revoke' } },
  { prefix: '/api/combos', name: 'combo' },
  { prefix: '/api/models/alias', name: 'alias', verbs: { POST: 'set' } },
  { prefix: '/api/settings', name: 'settings' },
  { prefix: '/api/resilience', name: 'resilience' },
  { prefix: '/api/policies', name: 'policy' },
  { prefix: '/api/pricing', name: 'pricing' },
  { prefix: '/api/db-backups', name: 'backup', verbs: { PUT: 'create', POST: 'restore' } },
  { prefix: '/api/restart', name: 'system', verbs: { POST: 'restart' } },
  { prefix: '/api/shutdown', name: 'system', verbs: { POST: 'shutdown' } },
];

const methodVerbs: Partial<Record<string, string>> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

export interface AuditAction {
  action: string;
  /** A target named by the path itself (a settings section), when the route has no id. */
  target?: string;
}

export function auditActionFor(method: string, route: string): AuditAction {
  const resource = resources.find(({ prefix }) => route === prefix || route.startsWith(`${prefix}/`));
  const verb = methodVerbs[method] ?? method.toLowerCase();
  if (resource === undefined) {
    const parts = staticParts(route.replace(/^\/api\//, ''));
    return { action: [...parts, verb].join('.') };
  }
  const rest = staticParts(route.slice(resource.prefix.length));
  if (resource.name === 'settings' && rest.length > 0) {
    // PUT/PATCH of a section is an update of it; anything else (POST /api/settings/proxy/test) names itself.
    const section = rest.join('/');
    return verb === 'update'
      ? { action: 'settings.update', target: section }
      : { action: `settings.${rest.join('.')}`, target: section };
  }
  if (rest.length > 0) return { action: `${resource.name}.${rest.join('.')}` };
  return { action: `${resource.name}.${resource.verbs?.[method] ?? verb}` };
}

/** Path segments that are not parameters: `/:id/test` → ['test']. */
function staticParts(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && !part.startsWith(':') && part !== '*');
}
