import type { ModelDefinition, ProviderDefinition } from '../providers/catalog/types.js';
import type { ProviderModelRecord } from '../storage/repositories/provider-models-repository.js';

/** The key of one provider model in `ConfigSnapshot.hiddenModels`. */
export const modelKey = (provider: string, model: string): string => `${provider}\u0000${model}`;

/**
 * Merges the user's model settings into the providers: user prices replace the catalog's (so cost-optimized routing
 * and cost accounting see them through `resolveModel`), custom models join the provider's list, and hidden models
 * are collected so that listings can leave them out. Providers without settings keep their (frozen) catalog object.
 */
export function applyModelSettings(
  providers: readonly ProviderDefinition[],
  settings: readonly ProviderModelRecord[],
): { providers: ProviderDefinition[]; hiddenModels: Set<string> } {
  const hiddenModels = new Set<string>();
  const byProvider = new Map<string, ProviderModelRecord[]>();
  for (const setting of settings) {
    if (setting.hidden) hiddenModels.add(modelKey(setting.provider, setting.model));
    byProvider.set(setting.provider, [...(byProvider.get(setting.provider) ?? []), setting]);
  }
  const merged = providers.map((provider) => {
    const own = byProvider.get(provider.id);
    return own === undefined ? provider : { ...provider, models: mergeModels(provider.models, own) };
  });
  return { providers: merged, hiddenModels };
}

function mergeModels(models: readonly ModelDefinition[], settings: readonly ProviderModelRecord[]): ModelDefinition[] {
  const byModel = new Map(settings.map((setting) => [setting.model, setting]));
  const merged = models.map((model) => {
    const pricing = byModel.get(model.id)?.pricing;
    return pricing === null || pricing === undefined ? model : { ...model, pricing };
  });
  const known = new Set(models.map((model) => model.id));
  for (const setting of settings) {
    // A catalog update may have added a model the user had added by hand: the catalog entry wins, the price stays.
    if (!setting.custom || known.has(setting.model)) continue;
    merged.push(customModel(setting));
  }
  return merged;
}

function customModel(setting: ProviderModelRecord): ModelDefinition {
  return {
    id: setting.model,
    type: setting.type ?? 'chat',
    ...(setting.contextLength === null ? {} : { contextLength: setting.contextLength }),
    ...(setting.pricing === null ? {} : { pricing: setting.pricing }),
  };
}
