// POST /api/chat (NDJSON stream by default, one object with `stream:false`) and POST /api/embed.
import { embedText } from './embed-text.mjs';
import { openaiTool } from './openai-chat-route.mjs';
import { addText, createTally, EMPTY_VIEW, planReply, splitWords } from './plan-reply.mjs';
import {
  asArray,
  isRecord,
  MockRequestError,
  requireArray,
  requireObject,
  requireString,
  textOf,
} from './request-fields.mjs';
import { NDJSON_TYPE, sendJson, streamFrames } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 */

// Fixed durations (nanoseconds) keep answers deterministic.
const DURATIONS = { total_duration: 5_000_000, load_duration: 1_000_000, prompt_eval_duration: 1_000_000 };
const EVAL_DURATION = 3_000_000;

/** @type {Route} */
export const ollamaChatRoute = {
  format: 'ollama',
  auth: 'none',
  describe(body) {
    const request = requireObject(body);
    const model = requireString(request, 'model');
    const messages = requireArray(request, 'messages');
    const tally = createTally();
    let lastUserText = '';
    for (const message of messages) {
      if (!isRecord(message)) continue;
      const text = textOf(message.content);
      addText(tally, text);
      if (message.role === 'user') lastUserText = text;
    }
    /** @type {string[]} */
    const toolResults = [];
    for (let index = messages.length - 1; index >= 0; index--) {
      const message = messages[index];
      if (!isRecord(message) || message.role !== 'tool') break;
      toolResults.unshift(textOf(message.content));
    }
    return {
      model,
      lastUserText,
      toolResults: toolResults.length > 0 ? toolResults : undefined,
      chars: tally.chars,
      cached: tally.cached,
      tools: asArray(request.tools).flatMap(openaiTool),
      toolChoice: { type: 'auto' },
      // `think` is a boolean or, for some models, a level ("low", "medium", "high").
      reasoning: request.think === true || typeof request.think === 'string',
    };
  },
  handle(context) {
    const request = requireObject(context.body);
    const plan = planReply({ format: 'ollama', view: context.view, parallel: context.parallel });
    const model = context.view.model;
    const createdAt = new Date().toISOString();
    const toolCalls = plan.toolCalls.map((call) => ({
      function: { name: call.name, arguments: JSON.parse(call.arguments) },
    }));
    const done = {
      done: true,
      done_reason: 'stop',
      ...DURATIONS,
      prompt_eval_count: plan.usage.input,
      eval_count: plan.usage.output + plan.usage.reasoning,
      eval_duration: EVAL_DURATION,
    };
    if (request.stream === false) {
      /** @type {Record<string, unknown>} */
      const message = { role: 'assistant', content: plan.text };
      if (plan.reasoning !== undefined) message.thinking = plan.reasoning;
      if (toolCalls.length > 0) message.tool_calls = toolCalls;
      return sendJson(context, 200, { model, created_at: createdAt, message, ...done });
    }
    /** @param {Record<string, unknown>} message */
    const line = (message) =>
      `${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: '', ...message }, done: false })}\n`;
    const frames = splitWords(plan.reasoning ?? '').map((thinking) => line({ thinking }));
    for (const content of splitWords(plan.text)) frames.push(line({ content }));
    if (toolCalls.length > 0) frames.push(line({ tool_calls: toolCalls }));
    frames.push(
      `${JSON.stringify({ model, created_at: createdAt, message: { role: 'assistant', content: '' }, ...done })}\n`,
    );
    return streamFrames(context, frames, NDJSON_TYPE);
  },
};

/** @param {unknown} input @returns {string[]} */
function embedInputs(input) {
  if (typeof input === 'string') return [input];
  const texts = asArray(input).filter((item) => typeof item === 'string');
  if (texts.length === 0) throw new MockRequestError('input: must be a string or an array of strings');
  return texts;
}

/** @type {Route} */
export const ollamaEmbedRoute = {
  format: 'ollama',
  auth: 'none',
  describe(body) {
    const request = requireObject(body);
    const texts = embedInputs(request.input);
    const tally = createTally();
    for (const text of texts) addText(tally, text);
    return {
      ...EMPTY_VIEW,
      model: requireString(request, 'model'),
      lastUserText: texts.join('\n'),
      chars: tally.chars,
    };
  },
  handle(context) {
    const request = requireObject(context.body);
    const dimensions = typeof request.dimensions === 'number' ? request.dimensions : undefined;
    const embeddings = embedInputs(request.input).map((text) => embedText(text, dimensions));
    const { total_duration, load_duration } = DURATIONS;
    const prompt_eval_count = Math.ceil(context.view.chars / 4);
    sendJson(context, 200, { model: context.view.model, embeddings, total_duration, load_duration, prompt_eval_count });
  },
};
