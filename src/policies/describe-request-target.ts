import { maxComboDepth } from '../routing/combo.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import { resolveModel } from '../routing/resolve-model.js';
import { resolveRequestModel } from '../routing/resolve-request-model.js';

/** What policies match on: the names a request goes by and the providers it may reach. */
export interface RequestTargetFacts {
  /** The requested string, plus for a direct model the resolved `provider/model` and the bare model id. */
  models: string[];
  /** Provider ids the request can reach: one for a model, every target's for a combo (nested ones included). */
  providers: string[];
}

/**
 * Reads the facts without side effects (no combo strategy state is advanced). A model that does not resolve has no
 * providers; resolution itself fails later with its own clear error.
 */
export function describeRequestTarget(model: string, snapshot: ConfigSnapshot): RequestTargetFacts {
  try {
    const target = resolveRequestModel(model, snapshot);
    if (target.kind === 'model') {
      const { provider, model: upstreamModel } = target.resolved;
      return { models: [model, `${provider.id}/${upstreamModel}`, upstreamModel], providers: [provider.id] };
    }
    const providers = new Set<string>();
    collectComboProviders(target.combo.targets, snapshot, providers, 1);
    return { models: [model], providers: [...providers] };
  } catch {
    return { models: [model], providers: [] };
  }
}

function collectComboProviders(
  targets: ReadonlyArray<{ model: string }>,
  snapshot: ConfigSnapshot,
  into: Set<string>,
  depth: number,
): void {
  for (const target of targets) {
    const nested = snapshot.combosByName.get(target.model);
    if (nested !== undefined) {
      if (depth < maxComboDepth) collectComboProviders(nested.targets, snapshot, into, depth + 1);
      continue;
    }
    try {
      into.add(resolveModel(target.model, snapshot).provider.id);
    } catch {
      // An unresolvable target is skipped at execution time too.
    }
  }
}
