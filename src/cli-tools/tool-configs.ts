import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { patchToml } from './toml-patcher.js';

/** What OmniRoute writes into a tool's config: where the gateway is, the client key, an optional default model. */
export interface SetupValues {
  /** The gateway's root URL, without a trailing slash (`http://127.0.0.1:20128`). */
  url: string;
  key: string;
  model?: string;
}

export interface ToolConfig {
  /** The config file, relative to HOME. */
  file: string[];
  /** The base URL the tool is configured with now, if any (so "points at this gateway" can be answered). */
  readBaseUrl(content: string): string | undefined;
  /** The new file content: the user's settings kept, OmniRoute's own entries replaced. Throws on unparseable input. */
  apply?(content: string, values: SetupValues): string;
  /** What the user still has to do by hand (e.g. export an environment variable). */
  notes?(values: SetupValues): string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJsonObject(content: string): Json {
  if (content.trim() === '') return {};
  const parsed: unknown = JSON.parse(content);
  if (!isObject(parsed)) throw new Error('the file does not hold a JSON object');
  return parsed;
}
const objectAt = (value: unknown): Json => (isObject(value) ? value : {});
const stringAt = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const jsonText = (value: Json) => `${JSON.stringify(value, null, 2)}\n`;

/** Codex reads the key from this environment variable (`env_key`); the key itself never goes into config.toml. */
export const codexKeyVariable = 'OMNIROUTE_API_KEY';

const claude: ToolConfig = {
  file: ['.claude', 'settings.json'],
  readBaseUrl: (content) => stringAt(objectAt(parseJsonObject(content).env).ANTHROPIC_BASE_URL),
  apply(content, { url, key, model }) {
    const settings = parseJsonObject(content);
    const env = { ...objectAt(settings.env), ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: key };
    return jsonText({ ...settings, env, ...(model === undefined ? {} : { model }) });
  },
};

const codex: ToolConfig = {
  file: ['.codex', 'config.toml'],
  readBaseUrl(content) {
    const config = parseToml(content) as Json;
    const name = stringAt(config.model_provider);
    return name === undefined ? undefined : stringAt(objectAt(objectAt(config.model_providers)[name]).base_url);
  },
  apply(content, { url, model }) {
    parseToml(content); // refuse to patch a file that is not valid TOML to begin with
    const topLevel = { model_provider: 'omniroute', ...(model === undefined ? {} : { model }) };
    const block = { name: 'OmniRoute', base_url: `${url}/v1`, env_key: codexKeyVariable, wire_api: 'responses' };
    return patchToml(content, topLevel, 'model_providers.omniroute', block);
  },
  notes: ({ key }) => [`Codex reads the key from the environment: export ${codexKeyVariable}=${key}`],
};

const gemini: ToolConfig = {
  file: ['.gemini', '.env'],
  readBaseUrl: (content) => readDotenv(content).GOOGLE_GEMINI_BASE_URL,
  apply: (content, { url, key, model }) =>
    patchDotenv(content, {
      GOOGLE_GEMINI_BASE_URL: url,
      GEMINI_API_KEY: key,
      ...(model === undefined ? {} : { GEMINI_MODEL: model }),
    }),
};

const opencode: ToolConfig = {
  file: ['.config', 'opencode', 'opencode.json'],
  readBaseUrl: (content) => {
    const provider = objectAt(objectAt(parseJsonObject(content).provider).omniroute);
    return stringAt(objectAt(provider.options).baseURL);
  },
  apply(content, { url, key, model }) {
    const config = parseJsonObject(content);
    const providers = objectAt(config.provider);
    const current = objectAt(providers.omniroute);
    const models = { ...objectAt(current.models), ...(model === undefined ? {} : { [model]: { name: model } }) };
    const omniroute = {
      ...current,
      npm: '@ai-sdk/openai-compatible',
      name: 'OmniRoute',
      options: { ...objectAt(current.options), baseURL: `${url}/v1`, apiKey: key },
      models,
    };
    return jsonText({
      $schema: 'https://opencode.ai/config.json',
      ...config,
      provider: { ...providers, omniroute },
      ...(model === undefined ? {} : { model: `omniroute/${model}` }),
    });
  },
};

/** Droid and OpenClaw: detected and reported; their config is only searched for the gateway's URL. */
const mentionsUrl = (content: string) => /https?:\/\/[^\s"']+/g.exec(content)?.[0];
const droid: ToolConfig = { file: ['.factory', 'config.json'], readBaseUrl: mentionsUrl };
const openclaw: ToolConfig = { file: ['.openclaw', 'openclaw.json'], readBaseUrl: mentionsUrl };

export const toolConfigs: Record<string, ToolConfig> = { claude, codex, gemini, opencode, droid, openclaw };

export const configPath = (tool: ToolConfig, home: string) => join(home, ...tool.file);

function readDotenv(content: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of content.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined) values[match[1]] = (match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

/** Replaces or appends `KEY=value` lines; every other line stays as it was. */
function patchDotenv(content: string, entries: Record<string, string>): string {
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  for (const [key, value] of Object.entries(entries)) {
    const line = `${key}=${/[\s#"'$]/.test(value) ? JSON.stringify(value) : value}`;
    const at = lines.findIndex((existing) => new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=`).test(existing));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
