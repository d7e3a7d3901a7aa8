import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { modelPricingSchema } from '../providers/catalog/index.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ProviderModelRecord } from '../storage/repositories/provider-models-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';
import {
  findKnownProviderModel,
  findProviderModel,
  modelIdSchema,
  modelRefSchema,
  providerModelView,
} from './provider-model-lookup.js';

const modelType = z.enum(['chat', 'embedding', 'image', 'transcription']);
const contextLength = z.int().positive().max(100_000_000);

const createSchema = z
  .object({
    provider: z.string().trim().min(1),
    model: modelIdSchema,
    type: modelType.optional(),
    contextLength: contextLength.optional(),
    pricing: modelPricingSchema.optional(),
    hidden: z.boolean().optional(),
  })
  .strict();

const patchSchema = z
  .object({
    provider: z.string().trim().min(1),
    model: modelIdSchema,
    hidden: z.boolean().optional(),
    type: modelType.optional(),
    contextLength: contextLength.nullable().optional(),
    pricing: modelPricingSchema.nullable().optional(),
  })
  .strict();

const listQuery = z.object({ provider: z.string().trim().min(1).optional() }).strict();

/**
 * `GET/POST/PATCH/DELETE /api/provider-models`: the user's models. POST adds a custom model to any provider (a
 * node's model, a new release the catalog does not know yet); PATCH hides or shows any model (hidden models leave
 * `/v1/models`, `/v1beta/models`, `/api/tags` and bare-id inference, and stay callable as `provider/model`) and
 * edits a custom model; DELETE removes a custom model. Models are named by `{provider, model}` because model ids
 * may contain `/`.
 */
export async function registerProviderModelsRoutes(
  app: FastifyInstance,
  { repositories, state }: { repositories: Repositories; state: RuntimeState },
): Promise<void> {
  const settings = repositories.providerModels;
  const settingsByKey = async () =>
    new Map((await settings.list()).map((setting) => [`${setting.provider}/${setting.model}`, setting]));

  app.get('/api/provider-models', async (request) => {
    const { provider: only } = parseInput(listQuery, request.query);
    const { snapshot } = state;
    const providers = only === undefined ? snapshot.providers : [findProviderModel(snapshot, only, '').provider];
    const stored = await settingsByKey();
    return {
      models: providers.flatMap((provider) =>
        provider.models.map((model) =>
          providerModelView(snapshot, provider, model, stored.get(`${provider.id}/${model.id}`)),
        ),
      ),
    };
  });

  const createDocs = { body: createSchema, summary: 'Add a custom model to a provider' };
  app.post('/api/provider-models', { config: { openapi: createDocs } }, async (request, reply) => {
    const input = parseInput(createSchema, request.body);
    const ref = findProviderModel(state.snapshot, input.provider, input.model);
    if (ref.effective !== undefined) {
      throw new GatewayError(
        'conflict',
        `'${ref.provider.id}' already has the model '${input.model}'. Change it with PATCH /api/provider-models.`,
        { param: 'model' },
      );
    }
    await settings.save({
      provider: ref.provider.id,
      model: input.model,
      custom: true,
      hidden: input.hidden ?? false,
      type: input.type ?? 'chat',
      contextLength: input.contextLength ?? null,
      pricing: input.pricing ?? null,
    });
    return reply.code(201).send(await reloadAndView(ref.provider.id, input.model));
  });

  const patchDocs = { body: patchSchema, summary: 'Hide or show a model, or change a custom model' };
  app.patch('/api/provider-models', { config: { openapi: patchDocs } }, async (request) => {
    const patch = parseInput(patchSchema, request.body);
    const ref = findKnownProviderModel(state.snapshot, patch.provider, patch.model);
    const stored = await settings.get(ref.provider.id, patch.model);
    const custom = stored?.custom === true && ref.catalogModel === undefined;
    for (const field of ['type', 'contextLength'] as const) {
      if (!custom && patch[field] !== undefined) {
        throw new GatewayError('invalid_request', `Only custom models' ${field} can be changed.`, { param: field });
      }
    }
    const next: Omit<ProviderModelRecord, 'createdAt' | 'updatedAt'> = {
      provider: ref.provider.id,
      model: patch.model,
      custom,
      hidden: patch.hidden ?? stored?.hidden ?? false,
      type: custom ? (patch.type ?? stored?.type ?? 'chat') : null,
      contextLength: patch.contextLength !== undefined ? patch.contextLength : (stored?.contextLength ?? null),
      pricing: patch.pricing !== undefined ? patch.pricing : (stored?.pricing ?? null),
    };
    await settings.save(next);
    return reloadAndView(ref.provider.id, patch.model);
  });

  const deleteDocs = { body: modelRefSchema, summary: 'Delete a custom model (also as ?provider=&model=)' };
  app.delete('/api/provider-models', { config: { openapi: deleteDocs } }, async (request, reply) => {
    const hasQuery = Object.keys((request.query ?? {}) as object).length > 0;
    const target = parseInput(modelRefSchema, hasQuery ? request.query : request.body);
    const ref = findKnownProviderModel(state.snapshot, target.provider, target.model);
    if (ref.catalogModel !== undefined || !(await settings.get(ref.provider.id, target.model))?.custom) {
      throw new GatewayError(
        'conflict',
        `'${ref.provider.id}/${target.model}' is not a custom model and cannot be deleted; hide it with PATCH ` +
          '/api/provider-models {"hidden": true}.',
        { param: 'model' },
      );
    }
    await settings.delete(ref.provider.id, target.model);
    await state.reload();
    return reply.code(204).send();
  });

  async function reloadAndView(provider: string, model: string) {
    await state.reload();
    const ref = findKnownProviderModel(state.snapshot, provider, model);
    return providerModelView(state.snapshot, ref.provider, ref.effective, await settings.get(provider, model));
  }
}
