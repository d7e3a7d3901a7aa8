import type { FastifyInstance } from 'fastify';
import { GatewayError, toGatewayError } from '../core/errors.js';
import type { Policy, PolicyInput } from '../policies/policy.js';
import { policyInputSchema } from '../policies/policy.js';
import type { PolicyEngine } from '../policies/policy-engine.js';
import { resolveRequestModel } from '../routing/resolve-request-model.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { idParams, notFound, parseInput } from './parse-input.js';

/**
 * Routing policies: `GET/POST /api/policies`, `GET/PUT/DELETE /api/policies/:id`. Every change recompiles the
 * in-memory rule list the generation pipeline evaluates.
 */
export async function registerPoliciesRoutes(
  app: FastifyInstance,
  deps: { repositories: Repositories; state: RuntimeState; policies: PolicyEngine },
): Promise<void> {
  const { repositories, policies } = deps;
  const repository = repositories.policies;

  app.get('/api/policies', async () => ({ policies: (await repository.list()).map(policyView) }));

  app.get('/api/policies/:id', async (request) => {
    const id = idParams(request.params);
    const policy = await repository.get(id);
    if (policy === undefined) throw notFound('policy', id);
    return policyView(policy);
  });

  app.post('/api/policies', async (request, reply) => {
    const input = await checkedInput(deps, request.body);
    if (await repository.findByName(input.name)) throw nameTaken(input.name);
    const created = await repository.create(input);
    await policies.reload();
    return reply.code(201).send(policyView(created));
  });

  app.put('/api/policies/:id', async (request) => {
    const id = idParams(request.params);
    const input = await checkedInput(deps, request.body);
    const existing = await repository.get(id);
    if (existing === undefined) throw notFound('policy', id);
    const sameName = await repository.findByName(input.name);
    if (sameName !== undefined && sameName.id !== id) throw nameTaken(input.name);
    const updated = await repository.update(id, input);
    await policies.reload();
    return policyView(updated ?? existing);
  });

  app.delete('/api/policies/:id', async (request, reply) => {
    const id = idParams(request.params);
    if (!(await repository.delete(id))) throw notFound('policy', id);
    await policies.reload();
    return reply.code(204).send();
  });
}

/** Validates the body, and that a redirect names a combo or model that resolves today. */
async function checkedInput(deps: { state: RuntimeState }, body: unknown): Promise<PolicyInput> {
  const input = parseInput(policyInputSchema, body);
  if (input.action.type === 'redirect') {
    try {
      resolveRequestModel(input.action.target, deps.state.snapshot);
    } catch (error) {
      throw new GatewayError(
        'invalid_request',
        `Invalid 'action.target': ${toGatewayError(error).message} (a redirect needs a combo name or provider/model).`,
        { param: 'action.target' },
      );
    }
  }
  return input;
}

function nameTaken(name: string): GatewayError {
  return new GatewayError('conflict', `A policy named '${name}' already exists.`, { param: 'name' });
}

function policyView(policy: Policy) {
  return {
    ...policy,
    createdAt: new Date(policy.createdAt).toISOString(),
    updatedAt: new Date(policy.updatedAt).toISOString(),
  };
}
