// Model listings: GET /v1/models (OpenAI, or Anthropic when called with x-api-key), GET /v1beta/models[/{model}],
// GET /api/tags (Ollama).
import { checkAuth } from './check-auth.mjs';
import { errorBody } from './error-body.mjs';
import { sendJson } from './send-reply.mjs';

/** @typedef {import('./find-route.mjs').Route} Route */

const CREATED = 1_700_000_000;
const OPENAI_MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'o4-mini',
  'text-embedding-3-small',
  'whisper-1',
  'dall-e-3',
];
const ANTHROPIC_MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-3-5-haiku-latest'];
const GEMINI_MODELS = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-embedding-001'];
const OLLAMA_MODELS = ['llama3.2:latest', 'qwen3:8b', 'nomic-embed-text:latest'];

/** @type {Route} */
export const modelListRoute = {
  format: 'openai',
  auth: 'none',
  handle(context) {
    const { headers } = context.req;
    if (headers['x-api-key'] !== undefined && headers.authorization === undefined) {
      const failure = checkAuth({ kind: 'anthropic', headers, query: context.query });
      if (failure) return sendJson(context, failure.status, errorBody({ format: 'anthropic', ...failure }));
      const data = ANTHROPIC_MODELS.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: new Date(CREATED * 1000).toISOString(),
      }));
      return sendJson(context, 200, { data, has_more: false, first_id: data[0]?.id, last_id: data.at(-1)?.id });
    }
    const failure = checkAuth({ kind: 'bearer', headers, query: context.query });
    if (failure) return sendJson(context, failure.status, errorBody({ format: 'openai', ...failure }));
    const data = OPENAI_MODELS.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'mock' }));
    return sendJson(context, 200, { object: 'list', data });
  },
};

/** @param {string} id */
function geminiModel(id) {
  const embedding = id.includes('embedding');
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    description: `Mock ${id}`,
    inputTokenLimit: embedding ? 2048 : 1_048_576,
    outputTokenLimit: embedding ? 1 : 65_536,
    supportedGenerationMethods: embedding ? ['embedContent'] : ['generateContent', 'countTokens'],
    thinking: !embedding,
  };
}

/** @type {Route} */
export const geminiModelListRoute = {
  format: 'gemini',
  auth: 'gemini',
  handle(context) {
    sendJson(context, 200, { models: GEMINI_MODELS.map(geminiModel) });
  },
};

/** @type {Route} */
export const geminiModelRoute = {
  format: 'gemini',
  auth: 'gemini',
  handle(context) {
    sendJson(context, 200, geminiModel(context.params.model ?? ''));
  },
};

/** @type {Route} */
export const ollamaTagsRoute = {
  format: 'ollama',
  auth: 'none',
  handle(context) {
    const models = OLLAMA_MODELS.map((name) => ({
      name,
      model: name,
      modified_at: '2025-01-01T00:00:00Z',
      size: 2_019_393_189,
      digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
      details: {
        parent_model: '',
        format: 'gguf',
        family: name.split(/[:\d]/)[0],
        families: [name.split(/[:\d]/)[0]],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    }));
    sendJson(context, 200, { models });
  },
};
