import { describe, expect, it } from 'vitest';
import { auditActionFor } from './audit-action.js';

describe('auditActionFor', () => {
  it.each([
    ['POST', '/api/providers', 'provider.create'],
    ['PUT', '/api/providers/:id', 'provider.update'],
    ['DELETE', '/api/providers/:id', 'provider.delete'],
    ['POST', '/api/providers/:id/test', 'provider.test'],
    ['POST', '/api/provider-nodes', 'node.create'],
    ['POST', '/api/keys', 'key.create'],
    ['DELETE', '/api/keys/:id', 'key.revoke'],
    ['PUT', '/api/combos/:id', 'combo.update'],
    ['POST', '/api/models/alias', 'alias.set'],
    ['DELETE', '/api/models/alias/:alias', 'alias.delete'],
    ['PATCH', '/api/settings', 'settings.update'],
    ['PATCH', '/api/resilience', 'resilience.update'],
    ['POST', '/api/resilience/reset', 'resilience.reset'],
    ['PUT', '/api/db-backups', 'backup.create'],
    ['POST', '/api/shutdown', 'system.shutdown'],
    ['POST', '/api/something-new/:id', 'something-new.create'],
  ])('%s %s → %s', (method, route, action) => {
    expect(auditActionFor(method, route).action).toBe(action);
  });

  it('names the settings section as the target', () => {
    expect(auditActionFor('PUT', '/api/settings/require-login')).toEqual({
      action: 'settings.update',
      target: 'require-login',
    });
    expect(auditActionFor('POST', '/api/settings/proxy/test')).toEqual({
      action: 'settings.proxy.test',
      target: 'proxy/test',
    });
  });
});
