// POST /v1/messages (JSON, or SSE: message_start, content_block_start/delta/stop per block with consistent indices,
// ping, message_delta with stop_reason and usage, message_stop) and POST /v1/messages/count_tokens.
import { addText, createTally, planReply, splitWords } from './plan-reply.mjs';
import { asArray, isRecord, requireArray, requireObject, requireString, textOf } from './request-fields.mjs';
import { SSE_TYPE, sendJson, sseEvent, streamFrames } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').Route} Route
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 * @typedef {import('./plan-reply.mjs').ConversationView} ConversationView
 * @typedef {import('./plan-reply.mjs').ToolChoice} ToolChoice
 */

/** @param {unknown} body @returns {ConversationView} */
function describeMessages(body) {
  const request = requireObject(body);
  const model = requireString(request, 'model');
  const messages = requireArray(request, 'messages');
  const tally = createTally();
  addText(tally, textOf(request.system));
  let lastUserText = '';
  /** @type {string[] | undefined} */
  let toolResults;
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const text = textOf(message.content);
    addText(tally, text);
    const results = asArray(message.content).filter((block) => isRecord(block) && block.type === 'tool_result');
    const resultTexts = results.map((block) => (isRecord(block) ? textOf(block.content) : ''));
    for (const resultText of resultTexts) addText(tally, resultText);
    toolResults = message.role === 'user' && resultTexts.length > 0 ? resultTexts : undefined;
    if (message.role === 'user' && text !== '') lastUserText = text;
  }
  const thinking = isRecord(request.thinking) ? request.thinking.type : undefined;
  return {
    model,
    lastUserText,
    toolResults,
    chars: tally.chars,
    cached: tally.cached,
    // Server tools (web_search_…) carry a versioned type; client tools have none or "custom".
    tools: asArray(request.tools).flatMap((tool) =>
      isRecord(tool) && typeof tool.name === 'string' && (tool.type === undefined || tool.type === 'custom')
        ? [{ name: tool.name, parameters: tool.input_schema }]
        : [],
    ),
    toolChoice: anthropicToolChoice(request.tool_choice),
    reasoning: thinking === 'enabled' || thinking === 'adaptive',
  };
}

/** @param {unknown} choice @returns {ToolChoice} */
function anthropicToolChoice(choice) {
  if (!isRecord(choice)) return { type: 'auto' };
  if (choice.type === 'none') return { type: 'none' };
  if (choice.type === 'any') return { type: 'required' };
  if (choice.type === 'tool' && typeof choice.name === 'string') return { type: 'tool', name: choice.name };
  return { type: 'auto' };
}

/** @type {Route} */
export const anthropicCountTokensRoute = {
  format: 'anthropic',
  auth: 'anthropic',
  describe: describeMessages,
  handle(context) {
    sendJson(context, 200, { input_tokens: Math.ceil(context.view.chars / 4) });
  },
};

/** @type {Route} */
export const anthropicMessagesRoute = {
  format: 'anthropic',
  auth: 'anthropic',
  describe: describeMessages,
  handle(context) {
    const request = requireObject(context.body);
    const plan = planReply({ format: 'anthropic', view: context.view, parallel: context.parallel });
    const { input, cached, output, reasoning } = plan.usage;
    const usage = {
      input_tokens: Math.max(0, input - cached),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: cached,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: output + reasoning,
      service_tier: 'standard',
    };
    /** @type {Array<{ block: Record<string, unknown>, pieces: string[] }>} */
    const blocks = [];
    if (plan.reasoning !== undefined) {
      const signature = `sig_mock_${context.sequence()}`;
      blocks.push({
        block: { type: 'thinking', thinking: plan.reasoning, signature },
        pieces: splitWords(plan.reasoning),
      });
    }
    for (const call of plan.toolCalls) {
      const block = {
        type: 'tool_use',
        id: context.nextId('toolu_'),
        name: call.name,
        input: JSON.parse(call.arguments),
        caller: { type: 'direct' },
      };
      blocks.push({ block, pieces: call.pieces });
    }
    if (plan.toolCalls.length === 0) {
      blocks.push({ block: { type: 'text', text: plan.text, citations: null }, pieces: splitWords(plan.text) });
    }
    const message = {
      id: context.nextId('msg_'),
      type: 'message',
      role: 'assistant',
      model: context.view.model,
      content: blocks.map(({ block }) => block),
      stop_reason: plan.toolCalls.length > 0 ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage,
    };
    if (request.stream !== true) return sendJson(context, 200, message);
    const frames = [
      sseEvent('message_start', {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      }),
    ];
    blocks.forEach(({ block, pieces }, index) => {
      frames.push(
        sseEvent('content_block_start', { type: 'content_block_start', index, content_block: emptied(block) }),
      );
      if (index === 0) frames.push(sseEvent('ping', { type: 'ping' }));
      for (const delta of blockDeltas(block, pieces)) {
        frames.push(sseEvent('content_block_delta', { type: 'content_block_delta', index, delta }));
      }
      frames.push(sseEvent('content_block_stop', { type: 'content_block_stop', index }));
    });
    const { cache_creation: _, service_tier: __, ...deltaUsage } = usage;
    frames.push(
      sseEvent('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: null },
        usage: deltaUsage,
      }),
      sseEvent('message_stop', { type: 'message_stop' }),
    );
    return streamFrames(context, frames, SSE_TYPE);
  },
};

/** A block as content_block_start announces it: before any delta. @param {Record<string, unknown>} block */
function emptied(block) {
  if (block.type === 'thinking') return { type: 'thinking', thinking: '', signature: '' };
  if (block.type === 'tool_use') return { ...block, input: {} };
  return { type: 'text', text: '' };
}

/** @param {Record<string, unknown>} block @param {string[]} pieces */
function blockDeltas(block, pieces) {
  if (block.type === 'thinking') {
    return [
      ...pieces.map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: block.signature },
    ];
  }
  // The real API opens every tool input with an empty partial_json.
  if (block.type === 'tool_use')
    return ['', ...pieces].map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  return pieces.map((text) => ({ type: 'text_delta', text }));
}
