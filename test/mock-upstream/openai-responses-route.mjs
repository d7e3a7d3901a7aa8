// POST /v1/responses: a Response object, or the SSE event grammar (created, in_progress, output items with their
// parts and deltas, completed), each event carrying its sequence_number.
import { openaiTool, openaiToolChoice } from './openai-chat-route.mjs';
import { addText, createTally, planReply, splitWords } from './plan-reply.mjs';
import { asArray, isRecord, requireObject, requireString, textOf } from './request-fields.mjs';
import { SSE_TYPE, sendJson, sseEvent, streamFrames } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 * @typedef {import('./plan-reply.mjs').ConversationView} ConversationView
 * @typedef {import('./plan-reply.mjs').ReplyPlan} ReplyPlan
 * @typedef {Record<string, unknown> & { id: string, type: string }} OutputItem
 */

/** @type {Route} */
export const openaiResponsesRoute = { format: 'openai', auth: 'bearer', describe: describeResponses, handle };

/** @param {unknown} body @returns {ConversationView} */
function describeResponses(body) {
  const request = requireObject(body);
  const model = requireString(request, 'model');
  const tally = createTally();
  if (typeof request.instructions === 'string') addText(tally, request.instructions);
  let lastUserText = '';
  const items = typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : asArray(request.input);
  /** @type {string[]} */
  let toolResults = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    if (item.type === 'function_call_output') {
      const output = textOf(item.output);
      addText(tally, output);
      toolResults.push(output);
      continue;
    }
    if (item.type === 'function_call' || item.type === 'reasoning') continue;
    const text = textOf(item.content);
    addText(tally, text);
    if (item.role === 'user') lastUserText = text;
    toolResults = [];
  }
  return {
    model,
    lastUserText,
    toolResults: toolResults.length > 0 ? toolResults : undefined,
    chars: tally.chars,
    cached: tally.cached,
    tools: asArray(request.tools).flatMap((tool) =>
      isRecord(tool) && tool.type === 'function' ? openaiTool(tool) : [],
    ),
    toolChoice: openaiToolChoice(request.tool_choice),
    reasoning: isRecord(request.reasoning) && request.reasoning.effort !== 'none',
  };
}

/** @param {RouteContext} context */
function handle(context) {
  const request = requireObject(context.body);
  const plan = planReply({ format: 'responses', view: context.view, parallel: context.parallel });
  const entries = outputItems(context, plan, asArray(request.include).includes('reasoning.encrypted_content'));
  const items = entries.map((entry) => entry.item);
  const createdAt = Math.floor(Date.now() / 1000);
  const id = context.nextId('resp_');
  const { input, cached, output, reasoning } = plan.usage;
  const usage = {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: output + reasoning,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output + reasoning,
  };
  const requested = isRecord(request.reasoning) ? request.reasoning : {};
  /** @param {string} status @param {OutputItem[]} output @param {unknown} usage */
  const response = (status, output, usage) => ({
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: context.view.model,
    output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: requested.effort ?? null, summary: requested.summary ?? null },
    store: request.store ?? true,
    temperature: request.temperature ?? 1,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: request.metadata ?? {},
  });
  if (request.stream !== true) return sendJson(context, 200, response('completed', items, usage));
  /** @type {string[]} */
  const frames = [];
  let sequence = 0;
  /** @param {string} type @param {Record<string, unknown>} payload */
  const emit = (type, payload) => frames.push(sseEvent(type, { type, sequence_number: sequence++, ...payload }));
  emit('response.created', { response: response('in_progress', [], null) });
  emit('response.in_progress', { response: response('in_progress', [], null) });
  entries.forEach(({ item, pieces }, outputIndex) => {
    const at = { item_id: item.id, output_index: outputIndex };
    if (item.type === 'reasoning') {
      const text = plan.reasoning ?? '';
      const part = { type: 'summary_text', text };
      emit('response.output_item.added', { output_index: outputIndex, item: { ...item, summary: [] } });
      emit('response.reasoning_summary_part.added', { ...at, summary_index: 0, part: { ...part, text: '' } });
      for (const delta of splitWords(text))
        emit('response.reasoning_summary_text.delta', { ...at, summary_index: 0, delta });
      emit('response.reasoning_summary_text.done', { ...at, summary_index: 0, text });
      emit('response.reasoning_summary_part.done', { ...at, summary_index: 0, part });
    } else if (item.type === 'message') {
      const part = { type: 'output_text', text: plan.text, annotations: [], logprobs: [] };
      const inProgress = { ...item, status: 'in_progress', content: [] };
      emit('response.output_item.added', { output_index: outputIndex, item: inProgress });
      emit('response.content_part.added', { ...at, content_index: 0, part: { ...part, text: '' } });
      for (const delta of splitWords(plan.text)) {
        emit('response.output_text.delta', { ...at, content_index: 0, delta, logprobs: [] });
      }
      emit('response.output_text.done', { ...at, content_index: 0, text: plan.text, logprobs: [] });
      emit('response.content_part.done', { ...at, content_index: 0, part });
    } else {
      const inProgress = { ...item, status: 'in_progress', arguments: '' };
      emit('response.output_item.added', { output_index: outputIndex, item: inProgress });
      for (const delta of pieces) emit('response.function_call_arguments.delta', { ...at, delta });
      emit('response.function_call_arguments.done', { ...at, name: item.name, arguments: item.arguments });
    }
    emit('response.output_item.done', { output_index: outputIndex, item });
  });
  emit('response.completed', { response: response('completed', items, usage) });
  return streamFrames(context, frames, SSE_TYPE);
}

/**
 * Reasoning first, then either the message or the function calls (with their argument pieces for streaming).
 * @param {RouteContext} context
 * @param {ReplyPlan} plan
 * @param {boolean} encrypted
 * @returns {Array<{ item: OutputItem, pieces: string[] }>}
 */
function outputItems(context, plan, encrypted) {
  /** @type {Array<{ item: OutputItem, pieces: string[] }>} */
  const items = [];
  if (plan.reasoning !== undefined) {
    const item = {
      id: context.nextId('rs_'),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: plan.reasoning }],
    };
    items.push({ item: encrypted ? { ...item, encrypted_content: `enc_mock_${item.id}` } : item, pieces: [] });
  }
  for (const call of plan.toolCalls) {
    const item = {
      id: context.nextId('fc_'),
      type: 'function_call',
      status: 'completed',
      arguments: call.arguments,
      call_id: context.nextId('call_'),
      name: call.name,
    };
    items.push({ item, pieces: call.pieces });
  }
  if (plan.toolCalls.length === 0) {
    const item = {
      id: context.nextId('msg_'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: plan.text, annotations: [], logprobs: [] }],
    };
    items.push({ item, pieces: [] });
  }
  return items;
}
