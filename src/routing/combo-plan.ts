import { GatewayError, toGatewayError } from '../core/errors.js';
import type { Combo, ComboTarget } from './combo.js';
import { maxComboDepth } from './combo.js';
import type { ComboStrategyState } from './combo-strategy-state.js';
import type { ConfigSnapshot } from './config-snapshot.js';
import { referenceCost } from './reference-cost.js';
import { type ResolvedModel, resolveModel } from './resolve-model.js';

/** One concrete target of a request: a provider model, optionally pinned to one account. */
export interface PlannedTarget {
  /** The model string as configured (`provider/model`). */
  model: string;
  resolved?: ResolvedModel;
  /** Why the target cannot be used at all (e.g. its provider was removed since the combo was saved). */
  unresolved?: GatewayError;
  connectionId?: string;
  /** The innermost combo this target came from. */
  combo: string;
  /** Position inside that combo, for strategy bookkeeping. */
  index: number;
}

/** Orders a combo's targets by its strategy and flattens nested combos (depth-limited). */
export function planCombo(
  combo: Combo,
  snapshot: ConfigSnapshot,
  state: ComboStrategyState,
  depth = 1,
): PlannedTarget[] {
  if (depth > maxComboDepth) {
    throw new GatewayError('invalid_request', `Combo '${combo.name}' nests deeper than ${maxComboDepth} levels.`);
  }
  const order = state.order(combo, (target) => priceOf(target, snapshot));
  return order.flatMap((index) => {
    const target = combo.targets[index] as ComboTarget;
    const nested = snapshot.combosByName.get(target.model);
    if (nested !== undefined) return planCombo(nested, snapshot, state, depth + 1);
    const planned: PlannedTarget = { model: target.model, combo: combo.name, index, connectionId: target.connectionId };
    try {
      planned.resolved = resolveModel(target.model, snapshot);
    } catch (error) {
      planned.unresolved = toGatewayError(error);
    }
    return [planned];
  });
}

/** The target's estimated cost of one reference request of its kind; unknown prices (and targets) sort last. */
function priceOf(target: ComboTarget, snapshot: ConfigSnapshot): number {
  try {
    return referenceCost(resolveModel(target.model, snapshot).definition);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Save-time validation: every target resolves to a combo or a known provider, nesting stays within the depth
 * limit, and no combo reaches itself.
 */
export function validateComboGraph(combo: Pick<Combo, 'name' | 'targets'>, snapshot: ConfigSnapshot): void {
  const combos = new Map(snapshot.combosByName);
  combos.set(combo.name, combo as Combo);
  const visit = (current: Pick<Combo, 'name' | 'targets'>, path: string[]): void => {
    if (path.length > maxComboDepth) {
      throw new GatewayError(
        'invalid_request',
        `Combos nest deeper than ${maxComboDepth} levels: ${path.join(' → ')}.`,
        {
          param: 'models',
        },
      );
    }
    for (const target of current.targets) {
      const nested = combos.get(target.model);
      if (nested !== undefined) {
        if (path.includes(nested.name)) {
          throw new GatewayError('invalid_request', `Combo cycle: ${[...path, nested.name].join(' → ')}.`, {
            param: 'models',
          });
        }
        visit(nested, [...path, nested.name]);
        continue;
      }
      assertResolvable(target.model, snapshot, `Target '${target.model}' of combo '${current.name}'`, 'models');
    }
  };
  visit(combo, [combo.name]);
}

/** Save-time check that a model string names a known provider model (connected or not: accounts come later). */
export function assertResolvable(model: string, snapshot: ConfigSnapshot, what: string, param: string): void {
  try {
    resolveModel(model, validationSnapshot(snapshot));
  } catch (error) {
    throw new GatewayError('invalid_request', `${what}: ${toGatewayError(error).message}`, { param });
  }
}

/**
 * For validation every catalog provider counts as connected (accounts can be added later): bare ids may name any
 * of them, and a `provider/` prefix keeps its meaning even before that provider has an account.
 */
function validationSnapshot(snapshot: ConfigSnapshot): ConfigSnapshot {
  const providersByModel = new Map<string, ConfigSnapshot['providers'][number][]>();
  const activeConnections = new Map(snapshot.activeConnections);
  for (const provider of snapshot.providers) {
    if (!activeConnections.has(provider.id)) activeConnections.set(provider.id, []);
    for (const model of provider.models) {
      providersByModel.set(model.id, [...(providersByModel.get(model.id) ?? []), provider]);
    }
  }
  return { ...snapshot, activeConnections, providersByModel };
}
