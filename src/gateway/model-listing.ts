import type { ModelType } from '../providers/catalog/types.js';
import { modelKey } from '../routing/apply-model-settings.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';

export interface ListedModel {
  /** `provider/model`, usable as is in any request. */
  id: string;
  provider: string;
  model: string;
  type: ModelType;
  contextLength?: number;
  maxOutputTokens?: number;
}

/** Every model of every provider that has an active connection, hidden ones aside: what a client can call now. */
export function listAvailableModels(snapshot: ConfigSnapshot, type?: ModelType): ListedModel[] {
  const listed: ListedModel[] = [];
  for (const provider of snapshot.providers) {
    if (!snapshot.activeConnections.has(provider.id)) continue;
    for (const model of provider.models) {
      if (type !== undefined && model.type !== type) continue;
      if (snapshot.hiddenModels.has(modelKey(provider.id, model.id))) continue;
      listed.push({
        id: `${provider.id}/${model.id}`,
        provider: provider.id,
        model: model.id,
        type: model.type,
        contextLength: model.contextLength,
        maxOutputTokens: model.maxOutputTokens,
      });
    }
  }
  return listed;
}
