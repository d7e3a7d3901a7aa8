import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { aliasInputSchema } from '../admin/alias-routes.js';
import { baseUrlSchema } from '../admin/base-url.js';
import { comboInputSchema } from '../admin/combo-routes.js';
import { nodeInputSchema } from '../admin/provider-nodes-routes.js';
import { evalSuiteInputSchema } from '../evals/eval-suite.js';

/**
 * The `--config` file (YAML or JSON): objects applied at start-up as idempotent upserts by name.
 * `${NAME}` in any string is replaced by that environment variable, so secrets can stay out of the file.
 */
const providerEntry = z
  .object({
    provider: z.string().min(1),
    name: z.string().trim().min(1).max(100),
    apiKey: z.string().min(1).optional(),
    baseUrl: baseUrlSchema.optional(),
    priority: z.number().int().min(0).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();

const keyEntry = z
  .object({
    name: z.string().trim().min(1).max(100),
    key: z.string().min(20, 'must be at least 20 characters (use `omniroute keys create` to make one)'),
    scopes: z.array(z.enum(['manage'])).optional(),
  })
  .strict();

export const configFileSchema = z
  .object({
    /** Applied first, as `PATCH /api/settings` would (e.g. `allowPrivateBaseUrls` before nodes on a LAN). */
    settings: z.record(z.string(), z.unknown()).optional(),
    providers: z.array(providerEntry).optional(),
    nodes: z.array(nodeInputSchema).optional(),
    keys: z.array(keyEntry).optional(),
    combos: z.array(comboInputSchema).optional(),
    aliases: z.array(aliasInputSchema).optional(),
    /** Eval suites, upserted by name (`/api/evals`). */
    evals: z.array(evalSuiteInputSchema).optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

export function readConfigFile(path: string, env: NodeJS.ProcessEnv): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigFileError(
      `The config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  const result = configFileSchema.safeParse(interpolate(raw ?? {}, env, []));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : (issue?.path ?? []);
  throw new ConfigFileError(`Invalid config file ${path}: field '${field.join('.')}': ${issue?.message ?? 'invalid'}`);
}

function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: Array<string | number>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const replacement = env[name];
      if (replacement === undefined) {
        throw new ConfigFileError(`Config field '${path.join('.')}' uses \${${name}}, but ${name} is not set.`);
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, env, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, env, [...path, key])]),
    );
  }
  return value;
}
