import type { WireFormat } from '../core/wire-format.js';
import type { AuthStyle, ProviderDefinition } from '../providers/catalog/types.js';
import type { ModelAlias } from '../storage/repositories/aliases-repository.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { ProviderModelRecord } from '../storage/repositories/provider-models-repository.js';
import type { ProviderNodeRecord } from '../storage/repositories/provider-nodes-repository.js';
import { AliasMatcher } from './alias-matcher.js';
import { applyModelSettings, modelKey } from './apply-model-settings.js';
import type { Combo } from './combo.js';

/**
 * Everything routing reads per request, built once whenever configuration changes. The hot path only does
 * Map lookups here; it never queries storage.
 */
export interface ConfigSnapshot {
  /** Catalog providers and provider nodes, by id, alias and node prefix. */
  providersByName: ReadonlyMap<string, ProviderDefinition>;
  providers: readonly ProviderDefinition[];
  /** Active connections per provider id, by ascending priority (lower number first). */
  activeConnections: ReadonlyMap<string, readonly ConnectionRecord[]>;
  /** Providers (with an active connection) that list a model id, for bare model names. Hidden models are left out. */
  providersByModel: ReadonlyMap<string, readonly ProviderDefinition[]>;
  /** `modelKey(provider, model)` of models the user hid from listings (still callable as `provider/model`). */
  hiddenModels: ReadonlySet<string>;
  aliases: AliasMatcher;
  combos: readonly Combo[];
  combosByName: ReadonlyMap<string, Combo>;
}

const authStyleByFormat: Record<WireFormat, AuthStyle> = {
  openai: 'bearer',
  'openai-responses': 'bearer',
  anthropic: 'x-api-key',
  gemini: 'x-goog-api-key',
  ollama: 'bearer',
};

/** A provider node is a provider like any catalog entry, keyed by its prefix. */
export function providerFromNode(node: ProviderNodeRecord): ProviderDefinition {
  return {
    id: node.prefix,
    name: node.name,
    category: 'api',
    kind: 'api-key',
    format: node.format,
    baseUrl: node.baseUrl.replace(/\/+$/, ''),
    authStyle: authStyleByFormat[node.format],
    headers: node.format === 'anthropic' ? { 'anthropic-version': '2023-06-01' } : undefined,
    apiKeyRequired: false,
    modelsEndpoint: node.format === 'openai',
    supportsStreamUsage: node.format === 'openai',
    models: [],
  };
}

export function buildConfigSnapshot(input: {
  catalog: readonly ProviderDefinition[];
  nodes: readonly ProviderNodeRecord[];
  connections: readonly ConnectionRecord[];
  aliases?: readonly ModelAlias[];
  combos?: readonly Combo[];
  /** Custom models, hidden models and user prices. */
  providerModels?: readonly ProviderModelRecord[];
}): ConfigSnapshot {
  const { catalog, nodes, connections, aliases = [], combos = [], providerModels = [] } = input;
  const { providers, hiddenModels } = applyModelSettings([...catalog, ...nodes.map(providerFromNode)], providerModels);
  const providersByName = new Map<string, ProviderDefinition>();
  for (const provider of providers) {
    providersByName.set(provider.id, provider);
    if (provider.alias !== undefined) providersByName.set(provider.alias, provider);
  }

  const activeConnections = new Map<string, ConnectionRecord[]>();
  for (const connection of connections) {
    // An OAuth account whose refresh failed stays out of routing until it is reconnected.
    if (!connection.isActive || connection.oauth?.status === 'expired') continue;
    const list = activeConnections.get(connection.provider) ?? [];
    list.push(connection);
    activeConnections.set(connection.provider, list);
  }
  for (const list of activeConnections.values()) list.sort((a, b) => a.priority - b.priority);

  const providersByModel = new Map<string, ProviderDefinition[]>();
  for (const provider of providers) {
    if (!activeConnections.has(provider.id)) continue;
    for (const model of provider.models) {
      if (hiddenModels.has(modelKey(provider.id, model.id))) continue;
      const list = providersByModel.get(model.id) ?? [];
      list.push(provider);
      providersByModel.set(model.id, list);
    }
  }
  // A bare model id offered by an API provider and a subscription too (gpt-4.1: OpenAI and Copilot) goes to the
  // API provider, as before the subscription was connected; the subscription needs its prefix (`gh/gpt-4.1`).
  for (const [model, list] of providersByModel) {
    const apis = list.filter((provider) => provider.category !== 'subscription');
    if (apis.length > 0 && apis.length < list.length) providersByModel.set(model, apis);
  }
  return {
    providersByName,
    providers,
    activeConnections,
    providersByModel,
    hiddenModels,
    aliases: new AliasMatcher(aliases),
    combos,
    combosByName: new Map(combos.map((combo) => [combo.name, combo])),
  };
}
