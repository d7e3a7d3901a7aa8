import type { CanonicalRequest, Converted, ReasoningConfig, ToolDefinition } from '../../../core/canonical.js';
import type { UpstreamRequest } from '../../../core/codec.js';
import { convertToOllamaMessages } from './convert-to-ollama-messages.js';
import type { OllamaChatRequest, OllamaOptions, OllamaThink, OllamaTool } from './ollama-wire-types.js';

export const ollamaChatPath = '/api/chat';

/**
 * Reasoning → Ollama `think`. Levels are sent as strings: gpt-oss needs them (it ignores booleans) and
 * other thinking models treat any level as "on". Table for a bare token budget:
 *   budget ≤ 1024 → 'low', ≤ 8192 → 'medium', above → 'high'   ('minimal' effort → 'low').
 */
export function toOllamaThink(reasoning: ReasoningConfig | undefined): OllamaThink | undefined {
  if (reasoning === undefined) return undefined;
  if (reasoning.enabled === false) return false;
  switch (reasoning.effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    case undefined:
      break;
    default: {
      const unreachable: never = reasoning.effort;
      throw new Error(`Unhandled effort ${String(unreachable)}`);
    }
  }
  const budget = reasoning.budgetTokens;
  if (budget !== undefined) {
    if (budget <= 0) return false;
    if (budget <= 1024) return 'low';
    if (budget <= 8192) return 'medium';
    return 'high';
  }
  return reasoning.enabled === true ? true : undefined;
}

/**
 * Ollama decodes `parameters` into its own struct and silently ignores keywords it does not know, so
 * schemas need no cleaning. Ollama has no tool_choice: 'none' is honoured by not offering tools, a named
 * tool by offering only that one; forcing a call ('required', named) is impossible and is warned about.
 */
function toOllamaTools(request: CanonicalRequest, warnings: string[]): OllamaTool[] | undefined {
  let tools: ToolDefinition[] = request.tools ?? [];
  const choice = request.toolChoice;
  switch (choice?.type) {
    case undefined:
    case 'auto':
      break;
    case 'none':
      tools = [];
      break;
    case 'required':
      warnings.push('Ollama cannot force a tool call; tool_choice "required" was treated as "auto"');
      break;
    case 'tool': {
      const name = choice.name;
      tools = tools.filter((tool) => tool.name === name);
      warnings.push(`Ollama cannot force a tool call; only tool '${name}' was offered`);
      break;
    }
    default: {
      const unreachable: never = choice;
      throw new Error(`Unhandled tool choice ${JSON.stringify(unreachable)}`);
    }
  }
  if (tools.length === 0) return undefined;
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.inputSchema,
    },
  }));
}

function toOllamaOptions(request: CanonicalRequest): OllamaOptions | undefined {
  const options: OllamaOptions = {
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.topK !== undefined ? { top_k: request.topK } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.stopSequences?.length ? { stop: request.stopSequences } : {}),
    ...(request.maxOutputTokens !== undefined ? { num_predict: request.maxOutputTokens } : {}),
    ...(request.frequencyPenalty !== undefined ? { frequency_penalty: request.frequencyPenalty } : {}),
    ...(request.presencePenalty !== undefined ? { presence_penalty: request.presencePenalty } : {}),
  };
  return Object.keys(options).length > 0 ? options : undefined;
}

/** Canonical request → Ollama `/api/chat` body. `stream` is always explicit: Ollama streams by default. */
export function buildOllamaRequest(request: CanonicalRequest): Converted<UpstreamRequest> {
  const messages = convertToOllamaMessages(request.messages);
  const warnings = [...messages.warnings];
  const tools = toOllamaTools(request, warnings);
  if (request.parallelToolCalls === false && tools) {
    warnings.push('Ollama cannot disable parallel tool calls; parallel_tool_calls=false was ignored');
  }
  const options = toOllamaOptions(request);
  const think = toOllamaThink(request.reasoning);
  const format = request.responseFormat?.type === 'json' ? (request.responseFormat.schema ?? 'json') : undefined;

  const body: OllamaChatRequest = {
    model: request.model,
    messages: messages.value,
    ...(tools ? { tools } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(options ? { options } : {}),
    ...(think !== undefined ? { think } : {}),
    stream: request.stream,
  };
  return { value: { path: ollamaChatPath, body }, warnings };
}
