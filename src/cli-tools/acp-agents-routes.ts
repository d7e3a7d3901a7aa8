import type { FastifyInstance } from 'fastify';
import { parseInput } from '../admin/parse-input.js';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import { customAgentSchema } from './acp-agent-settings.js';
import { knownTools } from './cli-tool-catalog.js';
import { findExecutable } from './find-executable.js';

/**
 * `GET/POST/DELETE /api/acp/agents`: the agent binaries found on this machine (the built-in list plus the user's
 * custom ones, stored in the `acpAgents` settings section), with counts.
 */
export async function registerAcpAgentsRoutes(
  app: FastifyInstance,
  { settings, env }: { settings: SettingsService; env: NodeJS.ProcessEnv },
): Promise<void> {
  const custom = () => settings.value.acpAgents.custom;

  app.get('/api/acp/agents', async () => {
    const entries = [
      ...knownTools.map((tool) => ({ id: tool.id, name: tool.name, command: tool.command, custom: false })),
      ...custom().map((agent) => ({ id: agent.name, name: agent.name, command: agent.command, custom: true })),
    ];
    const agents = await Promise.all(
      entries.map(async (entry) => ({ ...entry, ...(await findExecutable(entry.command, env)) })),
    );
    const summary = {
      total: agents.length,
      installed: agents.filter((agent) => agent.installed).length,
      runnable: agents.filter((agent) => agent.runnable).length,
    };
    return { agents, summary };
  });

  app.post('/api/acp/agents', { config: { openapi: { body: customAgentSchema } } }, async (request, reply) => {
    const input = parseInput(customAgentSchema, request.body);
    const taken = knownTools.some((tool) => tool.id === input.name) || custom().some((a) => a.name === input.name);
    if (taken) throw new GatewayError('conflict', `An agent named '${input.name}' already exists.`, { param: 'name' });
    await settings.update({ acpAgents: { custom: [...custom(), input] } }, 'patch');
    const runtime = await findExecutable(input.command, env);
    return reply.code(201).send({ id: input.name, name: input.name, custom: true, ...runtime });
  });

  const remove = async (name: string | undefined) => {
    if (name === undefined || name === '') {
      throw new GatewayError('invalid_request', 'Name the agent to delete.', { param: 'name' });
    }
    if (knownTools.some((tool) => tool.id === name)) {
      throw new GatewayError('invalid_request', `'${name}' is built in and cannot be deleted.`, { param: 'name' });
    }
    const remaining = custom().filter((agent) => agent.name !== name);
    if (remaining.length === custom().length) throw new GatewayError('not_found', `No custom agent '${name}'.`);
    await settings.update({ acpAgents: { custom: remaining } }, 'patch');
  };
  app.delete('/api/acp/agents/:name', async (request, reply) => {
    await remove((request.params as { name: string }).name);
    return reply.code(204).send();
  });
  app.delete('/api/acp/agents', async (request, reply) => {
    await remove((request.query as { name?: string }).name);
    return reply.code(204).send();
  });
}
