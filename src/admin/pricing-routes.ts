import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findModel, modelPricingSchema } from '../providers/catalog/index.js';
import type { ModelDefinition, ProviderDefinition } from '../providers/catalog/types.js';
import { modelKey } from '../routing/apply-model-settings.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ProviderModelRecord } from '../storage/repositories/provider-models-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';
import { findKnownProviderModel, findProviderModel, modelIdSchema } from './provider-model-lookup.js';

const priceSchema = z
  .object({ provider: z.string().trim().min(1), model: modelIdSchema, pricing: modelPricingSchema.nullable() })
  .strict();
const listQuery = z.object({ provider: z.string().trim().min(1).optional() }).strict();

/**
 * `GET /api/pricing`: every model's price in USD per million tokens, the catalog's merged with the user's, marking
 * overridden and unpriced models. `PUT`/`PATCH` set (or with `pricing: null` clear) the user's price of one model;
 * it then drives cost-optimized combos and cost accounting like a catalog price.
 */
export async function registerPricingRoutes(
  app: FastifyInstance,
  { repositories, state }: { repositories: Repositories; state: RuntimeState },
): Promise<void> {
  const settings = repositories.providerModels;

  app.get('/api/pricing', async (request) => {
    const { provider: only } = parseInput(listQuery, request.query);
    const { snapshot } = state;
    const providers = only === undefined ? snapshot.providers : [findProviderModel(snapshot, only, '').provider];
    const stored = new Map((await settings.list()).map((row) => [modelKey(row.provider, row.model), row]));
    const models = providers.flatMap((provider) =>
      provider.models.map((model) => priceView(snapshot.hiddenModels, provider, model, stored)),
    );
    return {
      currency: 'USD',
      unit: 'per million tokens',
      summary: {
        models: models.length,
        overridden: models.filter((model) => model.overridden).length,
        unpriced: models.filter((model) => !model.priced).length,
      },
      models,
    };
  });

  const setPrice = async (request: { body: unknown }) => {
    const input = parseInput(priceSchema, request.body);
    const ref = findKnownProviderModel(state.snapshot, input.provider, input.model);
    const stored = await settings.get(ref.provider.id, input.model);
    await settings.save({
      provider: ref.provider.id,
      model: input.model,
      custom: stored?.custom ?? false,
      hidden: stored?.hidden ?? false,
      type: stored?.type ?? null,
      contextLength: stored?.contextLength ?? null,
      pricing: input.pricing,
    });
    await state.reload();
    const { provider, effective } = findKnownProviderModel(state.snapshot, ref.provider.id, input.model);
    const row = await settings.get(provider.id, input.model);
    const rows = new Map(row === undefined ? [] : [[modelKey(provider.id, input.model), row]]);
    return priceView(state.snapshot.hiddenModels, provider, effective, rows);
  };
  const docs = { body: priceSchema, summary: "Set or clear (pricing: null) the user's price of one model" };
  app.put('/api/pricing', { config: { openapi: docs } }, setPrice);
  app.patch('/api/pricing', { config: { openapi: docs } }, setPrice);
}

function priceView(
  hidden: ReadonlySet<string>,
  provider: ProviderDefinition,
  model: ModelDefinition,
  stored: ReadonlyMap<string, ProviderModelRecord>,
) {
  const key = modelKey(provider.id, model.id);
  const catalogPricing = findModel(provider.id, model.id)?.pricing ?? null;
  const userPricing = stored.get(key)?.pricing ?? null;
  const pricing = userPricing ?? catalogPricing;
  return {
    id: `${provider.id}/${model.id}`,
    provider: provider.id,
    model: model.id,
    type: model.type,
    pricing,
    catalogPricing,
    userPricing,
    source: userPricing !== null ? 'user' : catalogPricing !== null ? 'catalog' : null,
    overridden: userPricing !== null && catalogPricing !== null,
    priced: pricing !== null,
    hidden: hidden.has(key),
  };
}
