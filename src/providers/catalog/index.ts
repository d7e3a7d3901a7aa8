import { aggregatorProviders } from './data/aggregator-providers.js';
import { anthropicProvider } from './data/anthropic-provider.js';
import { fastInferenceProviders } from './data/fast-inference-providers.js';
import { geminiProvider } from './data/gemini-provider.js';
import { localProviders } from './data/local-providers.js';
import { modelLabProviders } from './data/model-lab-providers.js';
import { openModelHostProviders } from './data/open-model-host-providers.js';
import { openaiProvider } from './data/openai-provider.js';
import { speechProviders } from './data/speech-providers.js';
import { subscriptionProviders } from './data/subscription-providers.js';
import { parseProviderCatalog } from './schema.js';
import type { ModelDefinition, ProviderDefinition } from './types.js';

export {
  modelDefinitionSchema,
  modelPricingSchema,
  ProviderCatalogError,
  parseProviderCatalog,
  providerDefinitionSchema,
} from './schema.js';
export type {
  AuthStyle,
  ModelDefinition,
  ModelPricing,
  ModelType,
  ProviderDefinition,
  ProviderKind,
} from './types.js';

/** Frozen so that no caller can change shared catalog data behind the indexes' back. */
function freezeProvider(provider: ProviderDefinition): ProviderDefinition {
  for (const model of provider.models) {
    if (model.pricing) Object.freeze(model.pricing);
    Object.freeze(model);
  }
  Object.freeze(provider.models);
  if (provider.headers) Object.freeze(provider.headers);
  return Object.freeze(provider);
}

/** Every built-in provider, validated once at module load: a bad entry fails startup with its name. */
export const providerCatalog: readonly ProviderDefinition[] = Object.freeze(
  parseProviderCatalog([
    openaiProvider,
    anthropicProvider,
    geminiProvider,
    ...modelLabProviders,
    ...aggregatorProviders,
    ...openModelHostProviders,
    ...fastInferenceProviders,
    ...localProviders,
    ...speechProviders,
    ...subscriptionProviders,
  ]).map(freezeProvider),
);

// Indexes built once; lookups on the request path are single Map reads.
const providersByPrefix = new Map<string, ProviderDefinition>();
const modelsByProvider = new Map<string, ReadonlyMap<string, ModelDefinition>>();
const providersByModel = new Map<string, ProviderDefinition[]>();

for (const provider of providerCatalog) {
  providersByPrefix.set(provider.id, provider);
  if (provider.alias !== undefined) providersByPrefix.set(provider.alias, provider);
  const models = new Map<string, ModelDefinition>();
  for (const model of provider.models) {
    models.set(model.id, model);
    const owners = providersByModel.get(model.id);
    if (owners) owners.push(provider);
    else providersByModel.set(model.id, [provider]);
  }
  modelsByProvider.set(provider.id, models);
}

/** The provider whose id or alias is exactly `idOrAlias` (prefixes are lowercase). */
export function findProvider(idOrAlias: string): ProviderDefinition | undefined {
  return providersByPrefix.get(idOrAlias);
}

/** A provider's known model; the provider may be named by id or alias. */
export function findModel(providerIdOrAlias: string, modelId: string): ModelDefinition | undefined {
  const provider = providersByPrefix.get(providerIdOrAlias);
  return provider && modelsByProvider.get(provider.id)?.get(modelId);
}

/** Every provider that lists `modelId`, in catalog order; used to infer the provider of a bare model id. */
export function providersForModel(modelId: string): ProviderDefinition[] {
  return providersByModel.get(modelId)?.slice() ?? [];
}
