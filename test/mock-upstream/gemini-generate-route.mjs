// POST /v1beta/models/{model}:generateContent and :streamGenerateContent (`?alt=sse` → SSE, else a streamed JSON
// array). Function calls carry no id, like the real API; usageMetadata comes with the last chunk.
import { TINY_PNG } from './openai-media-routes.mjs';
import { addText, createTally, planReply, splitWords } from './plan-reply.mjs';
import { asArray, isRecord, requireArray, requireObject, textOf } from './request-fields.mjs';
import { JSON_TYPE, SSE_TYPE, sendJson, streamFrames } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 * @typedef {import('./plan-reply.mjs').ConversationView} ConversationView
 * @typedef {import('./plan-reply.mjs').ToolChoice} ToolChoice
 */

/**
 * @param {unknown} body
 * @param {RouteContext} context
 * @returns {ConversationView}
 */
export function describeGemini(body, context) {
  const request = requireObject(body);
  const contents = requireArray(request, 'contents');
  const tally = createTally();
  addText(tally, textOf(isRecord(request.systemInstruction) ? request.systemInstruction.parts : undefined));
  let lastUserText = '';
  /** @type {string[] | undefined} */
  let toolResults;
  for (const content of contents) {
    if (!isRecord(content)) continue;
    const parts = asArray(content.parts);
    const text = textOf(parts);
    addText(tally, text);
    const results = parts.flatMap((part) =>
      isRecord(part) && isRecord(part.functionResponse) ? [functionResponseText(part.functionResponse.response)] : [],
    );
    for (const result of results) addText(tally, result);
    toolResults = results.length > 0 ? results : undefined;
    if (content.role !== 'model' && text !== '') lastUserText = text;
  }
  const generationConfig = isRecord(request.generationConfig) ? request.generationConfig : {};
  const thinkingConfig = isRecord(generationConfig.thinkingConfig) ? generationConfig.thinkingConfig : {};
  return {
    model: context.params.model,
    lastUserText,
    toolResults,
    chars: tally.chars,
    cached: tally.cached,
    tools: asArray(request.tools).flatMap((tool) =>
      asArray(isRecord(tool) ? tool.functionDeclarations : undefined).flatMap((declaration) =>
        isRecord(declaration) && typeof declaration.name === 'string'
          ? [{ name: declaration.name, parameters: declaration.parameters ?? declaration.parametersJsonSchema }]
          : [],
      ),
    ),
    toolChoice: geminiToolChoice(request.toolConfig),
    reasoning: thinkingConfig.includeThoughts === true,
  };
}

/** A functionResponse's `response` is an object; its usual single field holds the text. @param {unknown} response */
function functionResponseText(response) {
  if (!isRecord(response)) return typeof response === 'string' ? response : JSON.stringify(response ?? null);
  for (const field of ['result', 'output', 'content']) {
    const value = response[field];
    if (typeof value === 'string') return value;
  }
  return JSON.stringify(response);
}

/** @param {unknown} toolConfig @returns {ToolChoice} */
function geminiToolChoice(toolConfig) {
  const config =
    isRecord(toolConfig) && isRecord(toolConfig.functionCallingConfig) ? toolConfig.functionCallingConfig : {};
  if (config.mode === 'NONE') return { type: 'none' };
  if (config.mode !== 'ANY') return { type: 'auto' };
  const [name] = asArray(config.allowedFunctionNames);
  return typeof name === 'string' ? { type: 'tool', name } : { type: 'required' };
}

/** @type {Route} */
export const geminiGenerateRoute = {
  format: 'gemini',
  auth: 'gemini',
  describe: describeGemini,
  handle(context) {
    const plan = planReply({ format: 'gemini', view: context.view, parallel: context.parallel });
    const model = context.view.model;
    const responseId = context.nextId('resp');
    const { input, cached, output, reasoning } = plan.usage;
    const usageMetadata = {
      promptTokenCount: input,
      candidatesTokenCount: output,
      totalTokenCount: input + output + reasoning,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: input }],
      ...(reasoning > 0 ? { thoughtsTokenCount: reasoning } : {}),
      ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
    };
    const signature =
      plan.reasoning === undefined ? undefined : Buffer.from(`sig_mock_${context.sequence()}`).toString('base64');
    // Like Gemini 3: the first function call carries the thought signature the client must send back.
    const calls = plan.toolCalls.map((call, index) => ({
      functionCall: { name: call.name, args: JSON.parse(call.arguments) },
      ...(index === 0 && signature !== undefined ? { thoughtSignature: signature } : {}),
    }));
    /** @param {unknown[]} parts @param {boolean} last */
    const chunk = (parts, last) => ({
      candidates: [{ content: { parts, role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
      ...(last ? { usageMetadata } : {}),
      modelVersion: model,
      responseId,
    });
    const thought =
      plan.reasoning === undefined ? [] : [{ text: plan.reasoning, thought: true, thoughtSignature: signature }];
    if (context.params.action !== 'streamGenerateContent') {
      const answer = calls.length > 0 ? calls : [{ text: plan.text }];
      // Image models (gemini-2.5-flash-image) add the picture as inline data when the request asks for images.
      const image = wantsImage(context.body) ? [{ inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }] : [];
      return sendJson(context, 200, chunk([...thought, ...answer, ...image], true));
    }
    const thoughtPieces = splitWords(plan.reasoning ?? '');
    const chunks = thoughtPieces.map((text, index) =>
      chunk(
        [{ text, thought: true, ...(index === thoughtPieces.length - 1 ? { thoughtSignature: signature } : {}) }],
        false,
      ),
    );
    if (calls.length > 0) chunks.push(chunk(calls, true));
    else {
      const pieces = splitWords(plan.text);
      pieces.forEach((text, index) => {
        chunks.push(chunk([{ text }], index === pieces.length - 1));
      });
    }
    if (new URLSearchParams(context.query).get('alt') === 'sse') {
      return streamFrames(
        context,
        chunks.map((data) => `data: ${JSON.stringify(data)}\r\n\r\n`),
        SSE_TYPE,
      );
    }
    const frames = chunks.map((data, index) => `${index === 0 ? '[' : ',\r\n'}${JSON.stringify(data)}`);
    frames.push(']');
    return streamFrames(context, frames, JSON_TYPE);
  },
};

const TINY_PNG_BASE64 = TINY_PNG.toString('base64');

/** @param {unknown} body */
function wantsImage(body) {
  const config = isRecord(body) && isRecord(body.generationConfig) ? body.generationConfig : {};
  return asArray(config.responseModalities).includes('IMAGE');
}
