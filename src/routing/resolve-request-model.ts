import type { Combo } from './combo.js';
import type { ConfigSnapshot } from './config-snapshot.js';
import { type ResolvedModel, resolveModel } from './resolve-model.js';

export type RequestTarget = { kind: 'combo'; combo: Combo } | { kind: 'model'; resolved: ResolvedModel };

/**
 * The resolution order: persisted alias (exact, then wildcard) → combo name (a combo wins over a bare model id) →
 * `provider/model` → a bare model id inferred from the catalog.
 */
export function resolveRequestModel(requested: string, snapshot: ConfigSnapshot): RequestTarget {
  const name = snapshot.aliases.match(requested.trim()) ?? requested.trim();
  const combo = snapshot.combosByName.get(name);
  if (combo !== undefined) return { kind: 'combo', combo };
  return { kind: 'model', resolved: resolveModel(name, snapshot) };
}
