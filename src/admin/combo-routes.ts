import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { type Combo, type ComboTarget, comboStrategies } from '../routing/combo.js';
import { validateComboGraph } from '../routing/combo-plan.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { NewCombo } from '../storage/repositories/combos-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { idParams, notFound, parseInput } from './parse-input.js';

const targetSchema = z.union([
  z.string().trim().min(1),
  z
    .object({
      provider: z.string().trim().min(1).optional(),
      model: z.string().trim().min(1),
      connectionId: z.string().min(1).optional(),
      weight: z.number().min(0).max(1_000_000).optional(),
    })
    .strict(),
]);

const comboFields = {
  name: z
    .string()
    .trim()
    .regex(/^[^/\s]{1,100}$/, 'must be 1-100 characters without spaces or "/" (a "/" would read as provider/model)'),
  strategy: z.enum(comboStrategies),
  models: z.array(targetSchema).min(1, 'a combo needs at least one target'),
  config: z.object({ maxAttempts: z.number().int().min(1).max(100).optional() }).strict(),
};

export const comboInputSchema = z
  .object({
    ...comboFields,
    strategy: comboFields.strategy.default('priority'),
    config: comboFields.config.default({}),
  })
  .strict();

/** PUT bodies: no defaults here, or an omitted strategy or config would silently reset the stored one. */
export const comboPatchSchema = z.object(comboFields).partial().strict();

export type ComboInput = z.infer<typeof comboInputSchema>;

/** `"provider/model"` or `{provider, model, connectionId?, weight?}` → one stored target shape. */
export function toNewCombo(input: ComboInput): NewCombo {
  const targets: ComboTarget[] = input.models.map((entry) =>
    typeof entry === 'string'
      ? { model: entry }
      : {
          model: entry.provider === undefined ? entry.model : `${entry.provider}/${entry.model}`,
          ...(entry.connectionId === undefined ? {} : { connectionId: entry.connectionId }),
          ...(entry.weight === undefined ? {} : { weight: entry.weight }),
        },
  );
  return { name: input.name, strategy: input.strategy, targets, config: input.config };
}

export function comboView(combo: Combo) {
  return {
    id: combo.id,
    name: combo.name,
    strategy: combo.strategy,
    models: combo.targets,
    config: combo.config,
    createdAt: new Date(combo.createdAt).toISOString(),
    updatedAt: new Date(combo.updatedAt).toISOString(),
  };
}

/** Combos (`/api/combos`): ordered targets with a strategy, callable as a model, nestable, cycles refused. */
export async function registerComboRoutes(
  app: FastifyInstance,
  { repositories, state }: { repositories: Repositories; state: RuntimeState },
): Promise<void> {
  const combos = repositories.combos;
  const find = async (id: string) => {
    const combo = await combos.get(id);
    if (combo === undefined) throw notFound('combo', id);
    return combo;
  };

  app.get('/api/combos', async () => ({ combos: (await combos.list()).map(comboView) }));
  app.get('/api/combos/:id', async (request) => comboView(await find(idParams(request.params))));

  app.post('/api/combos', async (request, reply) => {
    const combo = toNewCombo(parseInput(comboInputSchema, request.body));
    if (await combos.get(combo.name)) {
      throw new GatewayError('conflict', `A combo named '${combo.name}' already exists.`, { param: 'name' });
    }
    validateComboGraph(combo, state.snapshot);
    const created = await combos.create(combo);
    await state.reload();
    return reply.code(201).send(comboView(created));
  });

  app.put('/api/combos/:id', async (request) => {
    const existing = await find(idParams(request.params));
    const patch = parseInput(comboPatchSchema, request.body);
    const merged = toNewCombo(
      comboInputSchema.parse({
        name: patch.name ?? existing.name,
        strategy: patch.strategy ?? existing.strategy,
        models: patch.models ?? existing.targets,
        config: patch.config ?? existing.config,
      }),
    );
    if (merged.name !== existing.name && (await combos.get(merged.name))) {
      throw new GatewayError('conflict', `A combo named '${merged.name}' already exists.`, { param: 'name' });
    }
    if (merged.name !== existing.name) assertNotNested(existing.name, state);
    validateComboGraph(merged, { ...state.snapshot, combosByName: withoutCombo(state, existing.name) });
    const updated = await combos.update(existing.id, merged);
    await state.reload();
    return comboView(updated ?? existing);
  });

  app.delete('/api/combos/:id', async (request, reply) => {
    const existing = await find(idParams(request.params));
    assertNotNested(existing.name, state);
    await combos.delete(existing.id);
    await state.reload();
    return reply.code(204).send();
  });
}

/** A combo used inside another cannot disappear or be renamed from under it. */
function assertNotNested(name: string, state: RuntimeState): void {
  const parent = state.snapshot.combos.find((combo) => combo.targets.some((target) => target.model === name));
  if (parent !== undefined) {
    throw new GatewayError('conflict', `Combo '${name}' is used by combo '${parent.name}'; remove it there first.`);
  }
}

function withoutCombo(state: RuntimeState, name: string): Map<string, Combo> {
  const map = new Map(state.snapshot.combosByName);
  map.delete(name);
  return map;
}
