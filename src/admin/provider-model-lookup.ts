import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { findModel } from '../providers/catalog/index.js';
import type { ModelDefinition, ProviderDefinition } from '../providers/catalog/types.js';
import { modelKey } from '../routing/apply-model-settings.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import type { ProviderModelRecord } from '../storage/repositories/provider-models-repository.js';

/** A model id as the upstream spells it (it may contain `/`), without whitespace. */
export const modelIdSchema = z.string().trim().min(1).max(200).regex(/^\S+$/, 'must not contain whitespace');

/** Which provider model a body or query names: `{provider, model}` (provider by id, alias or node prefix). */
export const modelRefSchema = z.object({ provider: z.string().trim().min(1), model: modelIdSchema }).strict();

export interface ProviderModelRef {
  provider: ProviderDefinition;
  model: string;
  /** The built-in catalog's entry, untouched by user prices. */
  catalogModel: ModelDefinition | undefined;
  /** The entry routing uses (catalog or custom, user price applied), when the gateway knows the model. */
  effective: ModelDefinition | undefined;
}

export function findProviderModel(snapshot: ConfigSnapshot, providerName: string, model: string): ProviderModelRef {
  const provider = snapshot.providersByName.get(providerName);
  if (provider === undefined) {
    throw new GatewayError(
      'provider_not_found',
      `Unknown provider '${providerName}'. See GET /api/models/catalog for provider ids, or add a provider node.`,
      { param: 'provider' },
    );
  }
  return {
    provider,
    model,
    catalogModel: findModel(provider.id, model),
    effective: provider.models.find((entry) => entry.id === model),
  };
}

/** Like findProviderModel, but the model must be known (catalog or custom): a 404 says how to add it. */
export function findKnownProviderModel(snapshot: ConfigSnapshot, providerName: string, model: string) {
  const ref = findProviderModel(snapshot, providerName, model);
  if (ref.effective === undefined) {
    throw new GatewayError(
      'model_not_found',
      `'${ref.provider.id}' has no model '${model}'. Add it first with POST /api/provider-models ` +
        `{"provider": "${ref.provider.id}", "model": "${model}"}.`,
      { param: 'model' },
    );
  }
  return { ...ref, effective: ref.effective };
}

/** One model as `/api/provider-models` shows it. */
export function providerModelView(
  snapshot: ConfigSnapshot,
  provider: ProviderDefinition,
  model: ModelDefinition,
  setting: ProviderModelRecord | undefined,
) {
  const custom = setting?.custom === true && findModel(provider.id, model.id) === undefined;
  return {
    id: `${provider.id}/${model.id}`,
    provider: provider.id,
    model: model.id,
    name: model.name ?? null,
    type: model.type,
    contextLength: model.contextLength ?? null,
    custom,
    hidden: snapshot.hiddenModels.has(modelKey(provider.id, model.id)),
    pricing: model.pricing ?? null,
  };
}
