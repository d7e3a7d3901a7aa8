import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { upstreamStatusError } from '../gateway/upstream-call.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import type { ModelType, ProviderDefinition } from '../providers/catalog/types.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { upstreamHeaders } from '../upstream/auth-headers.js';
import { type UpstreamClient, upstreamFailure } from '../upstream/upstream-client.js';

/** One model as an upstream lists it. */
export interface UpstreamModel {
  id: string;
  name?: string;
  type?: ModelType;
  contextLength?: number;
}

/** How a provider lists its models, or undefined when it has no list to ask. */
type ListingStyle = 'openai' | 'anthropic' | 'gemini' | 'ollama';

/** Pages followed at most (Gemini, Anthropic); a thousand models per page is far more than any provider has. */
const maxPages = 5;

export function listingStyle(provider: ProviderDefinition): ListingStyle | undefined {
  switch (provider.format) {
    case 'openai':
    case 'openai-responses':
      return provider.modelsEndpoint === true ? 'openai' : undefined;
    case 'anthropic':
    case 'gemini':
    case 'ollama':
      return provider.format;
    default: {
      const exhaustive: never = provider.format;
      throw new Error(`Unknown wire format ${String(exhaustive)}`);
    }
  }
}

/**
 * Asks the upstream which models this account can use: OpenAI-shaped `GET {base}/models` (also bare arrays, as
 * Together answers), Anthropic `GET {base}/models`, Gemini `GET {base}/models` (`models/` prefix stripped), Ollama
 * `GET {base}/api/tags`. Undefined when the provider has no list; a refusal is an error naming the upstream status.
 */
export async function listUpstreamModels(input: {
  upstream: UpstreamClient;
  provider: ProviderDefinition;
  connection: Pick<ConnectionRecord, 'apiKey' | 'baseUrl' | 'proxyUrl'>;
  signal: AbortSignal;
}): Promise<UpstreamModel[] | undefined> {
  const { upstream, provider, connection, signal } = input;
  const style = listingStyle(provider);
  if (style === undefined) return undefined;
  const baseUrl = (connection.baseUrl ?? provider.baseUrl).replace(/\/+$/, '');
  const { 'content-type': _json, ...headers } = upstreamHeaders(provider, connection.apiKey);
  const fetchJson = async (path: string): Promise<unknown> => {
    const url = `${baseUrl}${path}`;
    const response = await upstream.get(url, headers, signal, { proxyUrl: connection.proxyUrl });
    const text = await response.body.text().catch((error: unknown) => {
      throw upstreamFailure(error, url);
    });
    if (response.status >= 400) {
      const refusal = upstreamStatusError({
        provider,
        adapter: upstreamAdapters[provider.format],
        status: response.status,
        text,
      });
      throw new GatewayError('upstream_error', `Listing models failed: ${refusal.message}`, {
        kind: 'upstream',
        cause: refusal,
      });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new GatewayError('upstream_error', `${provider.name} answered the model list with something not JSON.`);
    }
  };
  switch (style) {
    case 'openai':
      return readOpenaiList(provider, await fetchJson('/models'));
    case 'ollama':
      return readOllamaTags(provider, await fetchJson('/api/tags'));
    case 'anthropic':
      return paged(async (cursor) =>
        readAnthropicPage(provider, await fetchJson(`/models?limit=1000${query('after_id', cursor)}`)),
      );
    case 'gemini':
      return paged(async (cursor) =>
        readGeminiPage(provider, await fetchJson(`/models?pageSize=1000${query('pageToken', cursor)}`)),
      );
    default: {
      const exhaustive: never = style;
      throw new Error(`Unknown listing style ${String(exhaustive)}`);
    }
  }
}

type Page = { models: UpstreamModel[]; next?: string };

const query = (name: string, value: string | undefined): string =>
  value === undefined ? '' : `&${name}=${encodeURIComponent(value)}`;

async function paged(fetchPage: (cursor: string | undefined) => Promise<Page>): Promise<UpstreamModel[]> {
  const models: UpstreamModel[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(cursor);
    models.push(...result.models);
    if (result.next === undefined || result.next === '' || result.next === cursor) break;
    cursor = result.next;
  }
  return models;
}

// Wire schemas read only the fields used; everything else passes.
const openaiModel = z.looseObject({
  id: z.string().min(1),
  display_name: z.string().optional(),
  type: z.string().optional(),
  context_length: z.number().optional(),
  context_window: z.number().optional(),
});
const openaiList = z.union([z.looseObject({ data: z.array(openaiModel) }), z.array(openaiModel)]);
const anthropicPage = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().min(1), display_name: z.string().optional() })),
  has_more: z.boolean().optional(),
  last_id: z.string().nullable().optional(),
});
const geminiPage = z.looseObject({
  models: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        displayName: z.string().optional(),
        inputTokenLimit: z.number().optional(),
        supportedGenerationMethods: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});
const ollamaTags = z.looseObject({ models: z.array(z.looseObject({ name: z.string().min(1) })) });

function parseList<T>(provider: ProviderDefinition, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new GatewayError('upstream_error', `${provider.name} answered the model list in an unexpected shape.`);
}

/** Together and OpenRouter say what a model is; OpenAI does not (then the type stays unknown). */
const openaiTypes: Record<string, ModelType> = {
  chat: 'chat',
  language: 'chat',
  code: 'chat',
  embedding: 'embedding',
  image: 'image',
  audio: 'transcription',
};

function readOpenaiList(provider: ProviderDefinition, body: unknown): UpstreamModel[] {
  const parsed = parseList(provider, openaiList, body);
  const models = Array.isArray(parsed) ? parsed : parsed.data;
  return models.map((model) => ({
    id: model.id,
    ...(model.display_name === undefined ? {} : { name: model.display_name }),
    ...(model.type !== undefined && openaiTypes[model.type] !== undefined ? { type: openaiTypes[model.type] } : {}),
    ...contextLength(model.context_length ?? model.context_window),
  }));
}

function readAnthropicPage(provider: ProviderDefinition, body: unknown): Page {
  const page = parseList(provider, anthropicPage, body);
  return {
    models: page.data.map((model) => ({
      id: model.id,
      type: 'chat',
      ...(model.display_name === undefined ? {} : { name: model.display_name }),
    })),
    next: page.has_more === true ? (page.last_id ?? undefined) : undefined,
  };
}

function readGeminiPage(provider: ProviderDefinition, body: unknown): Page {
  const page = parseList(provider, geminiPage, body);
  const models = (page.models ?? []).map((model): UpstreamModel => {
    const methods = model.supportedGenerationMethods ?? [];
    const type: ModelType | undefined = methods.includes('generateContent')
      ? 'chat'
      : methods.includes('embedContent')
        ? 'embedding'
        : undefined;
    return {
      id: model.name.replace(/^models\//, ''),
      ...(model.displayName === undefined ? {} : { name: model.displayName }),
      ...(type === undefined ? {} : { type }),
      ...contextLength(model.inputTokenLimit),
    };
  });
  return { models, next: page.nextPageToken };
}

function readOllamaTags(provider: ProviderDefinition, body: unknown): UpstreamModel[] {
  return parseList(provider, ollamaTags, body).models.map((model) => ({ id: model.name }));
}

function contextLength(value: number | undefined): { contextLength?: number } {
  return value !== undefined && Number.isInteger(value) && value > 0 ? { contextLength: value } : {};
}
