import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { baseUrlSchema } from '../admin/base-url.js';
import { parseInput } from '../admin/parse-input.js';
import { errorMessage, GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import { findKnownTool, knownTools } from './cli-tool-catalog.js';
import { findExecutable } from './find-executable.js';
import { configPath, toolConfigs } from './tool-configs.js';
import { setupTool, setupTools } from './tool-setup.js';

const setupInputSchema = z
  .object({
    key: z.string().trim().min(1).max(500).optional(),
    /** Keys are stored hashed, so an id cannot give the key back; accepted only to say so clearly. */
    keyId: z.string().optional(),
    model: z.string().trim().min(1).max(300).optional(),
    /** The gateway URL the tool should use; default: the URL this request came in on. */
    url: baseUrlSchema.optional(),
    dryRun: z.boolean().default(true),
  })
  .strict();

export interface CliToolsDependencies {
  settings: SettingsService;
  /** PATH and HOME are read from here (tests use a temp PATH and HOME). */
  env: NodeJS.ProcessEnv;
}

/** Detection of coding tools on this machine and writing their config to point at the gateway. */
export async function registerCliToolsRoutes(app: FastifyInstance, { settings, env }: CliToolsDependencies) {
  const home = () => env.HOME ?? homedir();
  const gatewayUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  const knownCommand = (toolId: string): string => {
    const tool = findKnownTool(toolId);
    if (tool !== undefined) return tool.command;
    const custom = settings.value.acpAgents.custom.find((agent) => agent.name === toolId);
    if (custom !== undefined) return custom.command;
    throw new GatewayError('not_found', `Unknown tool '${toolId}'; known: ${knownTools.map((t) => t.id).join(', ')}.`);
  };

  app.get('/api/cli-tools/runtime/:toolId', async (request) => {
    const { toolId } = request.params as { toolId: string };
    return { tool: toolId, ...(await findExecutable(knownCommand(toolId), env)) };
  });

  for (const [toolId, config] of Object.entries(toolConfigs)) {
    app.get(`/api/cli-tools/${toolId}-settings`, async (request) => {
      const runtime = await findExecutable(knownCommand(toolId), env);
      const file = configPath(config, home());
      const exists = existsSync(file);
      let baseUrl: string | null = null;
      let configError: string | null = null;
      if (exists) {
        try {
          baseUrl = config.readBaseUrl(readFileSync(file, 'utf8')) ?? null;
        } catch (error) {
          configError = `unreadable: ${errorMessage(error)}`;
        }
      }
      const gateway = gatewayUrl(request);
      return {
        tool: toolId,
        ...runtime,
        config: { path: file, exists, baseUrl, error: configError },
        gatewayUrl: gateway,
        pointsAtGateway: baseUrl !== null && (baseUrl === gateway || baseUrl.startsWith(`${gateway}/`)),
        setupSupported: setupTools.includes(toolId),
      };
    });
  }

  app.post('/api/cli-tools/:toolId/setup', { config: { openapi: { body: setupInputSchema } } }, async (request) => {
    const { toolId } = request.params as { toolId: string };
    const input = parseInput(setupInputSchema, request.body);
    if (input.key === undefined) {
      const why = input.keyId === undefined ? '' : ' Keys are stored hashed, so an id cannot give the key back.';
      throw new GatewayError('invalid_request', `Give the client key to write into the config as 'key'.${why}`, {
        param: 'key',
      });
    }
    const values = { url: input.url ?? gatewayUrl(request), key: input.key, model: input.model };
    return setupTool(toolId, values, { home: home(), dryRun: input.dryRun });
  });
}
