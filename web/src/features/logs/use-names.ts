import type { ApiKey, Connection } from '../../api/types';
import { useApi } from '../../api/use-api';

export interface Names {
  connections: Connection[];
  keys: ApiKey[];
  /** `openai/work` for a connection id; the id itself when the account was deleted. */
  connection: (id: string | null) => string;
  /** The key's name; `dashboard` for playground requests; `–` for anonymous ones. */
  key: (id: string | null) => string;
}

/** Request logs and usage hold ids; people read account and key names. */
export function useNames(): Names {
  const connections = useApi<{ connections: Connection[] }>('/api/providers').data?.connections ?? [];
  const keys = useApi<{ keys: ApiKey[] }>('/api/keys').data?.keys ?? [];
  const connectionNames = new Map(connections.map((item) => [item.id, `${item.provider}/${item.name}`]));
  const keyNames = new Map(keys.map((item) => [item.id, item.name]));
  return {
    connections,
    keys,
    connection: (id) => (id === null ? '–' : (connectionNames.get(id) ?? id.slice(0, 8))),
    key: (id) => (id === null ? '–' : (keyNames.get(id) ?? (id === 'dashboard' ? 'dashboard' : id.slice(0, 8)))),
  };
}
