import type { ConnectionRecord } from '../../src/storage/repositories/connections-repository.js';

/** An active API-key connection of `provider` for unit tests (id `<provider>-id`); `overrides` sets what a test needs. */
export function testConnection(provider: string, overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id: `${provider}-id`,
    provider,
    name: provider,
    authType: 'api-key',
    apiKey: 'key',
    baseUrl: null,
    priority: 1,
    isActive: true,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}
