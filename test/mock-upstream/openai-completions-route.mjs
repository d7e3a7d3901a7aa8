// POST /v1/completions (legacy text completions), JSON or SSE ending with `data: [DONE]`.
import { addText, createTally, EMPTY_VIEW, planReply, splitWords } from './plan-reply.mjs';
import { isRecord, requireObject, requireString } from './request-fields.mjs';
import { SSE_TYPE, sendJson, sseData, streamFrames } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 */

/** @type {Route} */
export const openaiCompletionsRoute = {
  format: 'openai',
  auth: 'bearer',
  describe(body) {
    const request = requireObject(body);
    const model = requireString(request, 'model');
    const prompts = Array.isArray(request.prompt) ? request.prompt : [request.prompt];
    const text = prompts.filter((prompt) => typeof prompt === 'string').join('\n');
    const tally = createTally();
    addText(tally, text);
    return { ...EMPTY_VIEW, model, lastUserText: text, chars: tally.chars, cached: tally.cached };
  },
  handle(context) {
    const request = requireObject(context.body);
    const plan = planReply({ format: 'openai', view: context.view });
    const id = context.nextId('cmpl-');
    const created = Math.floor(Date.now() / 1000);
    const model = context.view.model;
    const { input, output } = plan.usage;
    const usage = { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
    /** @param {string} text @param {string | null} finish */
    const choice = (text, finish) => ({ text, index: 0, logprobs: null, finish_reason: finish });
    if (request.stream !== true) {
      const choices = [choice(plan.text, 'stop')];
      return sendJson(context, 200, { id, object: 'text_completion', created, model, choices, usage });
    }
    const includeUsage = isRecord(request.stream_options) && request.stream_options.include_usage === true;
    /** @param {unknown[]} choices @param {unknown} [usage] */
    const chunk = (choices, usage) =>
      sseData({
        id,
        object: 'text_completion',
        created,
        model,
        choices,
        ...(includeUsage ? { usage: usage ?? null } : {}),
      });
    const frames = splitWords(plan.text).map((piece) => chunk([choice(piece, null)]));
    frames.push(chunk([choice('', 'stop')]));
    if (includeUsage) frames.push(chunk([], usage));
    frames.push('data: [DONE]\n\n');
    return streamFrames(context, frames, SSE_TYPE);
  },
};
