// The route table: exact paths in a Map (the hot path is one lookup), Gemini's `models/{model}:{action}` by pattern.
import { anthropicCountTokensRoute, anthropicMessagesRoute } from './anthropic-messages-route.mjs';
import {
  assemblyaiCreateTranscriptRoute,
  assemblyaiGetTranscriptRoute,
  assemblyaiListTranscriptsRoute,
  assemblyaiUploadRoute,
} from './assemblyai-routes.mjs';
import { deepgramListenRoute } from './deepgram-listen-route.mjs';
import { deepgramProjectsRoute } from './deepgram-projects-route.mjs';
import { geminiBatchEmbedRoute, geminiCountTokensRoute, geminiEmbedContentRoute } from './gemini-embed-routes.mjs';
import { geminiGenerateRoute } from './gemini-generate-route.mjs';
import { geminiPredictRoute } from './gemini-predict-route.mjs';
import { geminiModelListRoute, geminiModelRoute, modelListRoute, ollamaTagsRoute } from './model-list-routes.mjs';
import { ollamaChatRoute, ollamaEmbedRoute } from './ollama-chat-route.mjs';
import { openaiChatRoute } from './openai-chat-route.mjs';
import { openaiCompletionsRoute } from './openai-completions-route.mjs';
import { openaiEmbeddingsRoute } from './openai-embeddings-route.mjs';
import { openaiImagesRoute, openaiTranscriptionsRoute } from './openai-media-routes.mjs';
import { openaiResponsesRoute } from './openai-responses-route.mjs';

/**
 * @typedef {object} RouteContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {string} path the request target, with its query
 * @property {string} pathname
 * @property {string} query the query string without `?` ('' when none)
 * @property {Record<string, string>} params captured from the path (Gemini: model, action)
 * @property {unknown} body parsed JSON, text, or raw bytes
 * @property {Buffer} raw
 * @property {import('./plan-reply.mjs').ConversationView} view
 * @property {import('./normalize-fault.mjs').Fault | undefined} fault
 * @property {boolean} parallel
 * @property {(prefix: string) => string} nextId deterministic ids: `${prefix}mock00000001`, …
 * @property {() => number} sequence the counter behind nextId
 * @property {string} baseUrl
 * @property {AbortSignal} signal aborted when the server closes
 *
 * @typedef {object} Route
 * @property {import('./error-body.mjs').ErrorFormat} format the format of its errors
 * @property {import('./check-auth.mjs').AuthKind} auth
 * @property {(body: unknown, context: RouteContext) => import('./plan-reply.mjs').ConversationView} [describe]
 *   reads the request once (model, prompt, tools); throws MockRequestError for a body the real API would refuse
 * @property {(context: RouteContext) => void | Promise<void>} handle
 */

/** @type {Map<string, Route>} */
const EXACT = new Map([
  ['POST /v1/chat/completions', openaiChatRoute],
  ['POST /v1/responses', openaiResponsesRoute],
  ['POST /v1/completions', openaiCompletionsRoute],
  ['POST /v1/embeddings', openaiEmbeddingsRoute],
  ['POST /v1/images/generations', openaiImagesRoute],
  ['POST /v1/audio/transcriptions', openaiTranscriptionsRoute],
  ['GET /v1/models', modelListRoute],
  ['POST /v1/messages', anthropicMessagesRoute],
  ['POST /v1/messages/count_tokens', anthropicCountTokensRoute],
  ['GET /v1beta/models', geminiModelListRoute],
  ['POST /api/chat', ollamaChatRoute],
  ['POST /api/embed', ollamaEmbedRoute],
  ['GET /api/tags', ollamaTagsRoute],
  ['POST /v1/listen', deepgramListenRoute],
  ['GET /v1/projects', deepgramProjectsRoute],
  ['POST /v2/upload', assemblyaiUploadRoute],
  ['POST /v2/transcript', assemblyaiCreateTranscriptRoute],
  ['GET /v2/transcript', assemblyaiListTranscriptsRoute],
]);

/** @type {Record<string, Route>} */
const GEMINI_ACTIONS = {
  generateContent: geminiGenerateRoute,
  streamGenerateContent: geminiGenerateRoute,
  embedContent: geminiEmbedContentRoute,
  batchEmbedContents: geminiBatchEmbedRoute,
  countTokens: geminiCountTokensRoute,
  predict: geminiPredictRoute,
};

const GEMINI_MODEL = /^\/v1beta\/models\/([^/:]+)(?::([A-Za-z]+))?$/;
const ASSEMBLYAI_TRANSCRIPT = /^\/v2\/transcript\/([^/]+)$/;
/** @type {Record<string, string>} */
const NO_PARAMS = Object.freeze({});

/**
 * @param {string | undefined} method
 * @param {string} pathname
 * @returns {{ route: Route, params: Record<string, string> } | undefined}
 */
export function findRoute(method, pathname) {
  const route = EXACT.get(`${method} ${pathname}`);
  if (route !== undefined) return { route, params: NO_PARAMS };
  const transcript = method === 'GET' ? ASSEMBLYAI_TRANSCRIPT.exec(pathname) : null;
  if (transcript !== null) return { route: assemblyaiGetTranscriptRoute, params: { id: transcript[1] ?? '' } };
  const match = GEMINI_MODEL.exec(pathname);
  if (match === null) return undefined;
  const [, model = '', action] = match;
  if (action === undefined) return method === 'GET' ? { route: geminiModelRoute, params: { model } } : undefined;
  const actionRoute = GEMINI_ACTIONS[action];
  return method === 'POST' && actionRoute !== undefined ? { route: actionRoute, params: { model, action } } : undefined;
}
