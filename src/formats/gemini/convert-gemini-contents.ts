import type {
  CanonicalMessage,
  Converted,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { convertGeminiModelParts } from './convert-gemini-model-parts.js';
import { convertGeminiMedia, convertGeminiUserPart } from './convert-gemini-user-part.js';
import type { GeminiRequest, GeminiRequestPart } from './gemini-request-schema.js';

type FunctionResponse = NonNullable<GeminiRequestPart['functionResponse']>;

interface TurnCall {
  id: string;
  name: string;
  answered: boolean;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `response` → result content: the documented `output` / `error` keys unwrap, anything else stays JSON. */
function toolResult(response: FunctionResponse, toolCallId: string, param: string, warnings: string[]): ToolResultPart {
  const body = response.response ?? {};
  const keys = Object.keys(body);
  const only = keys.length === 1 ? keys[0] : undefined;
  const isError = only === 'error';
  const text =
    only === 'output' || only === 'error' || only === 'content' ? valueText(body[only]) : JSON.stringify(body);
  const content: Array<TextPart | ImagePart> = [{ type: 'text', text }];
  (response.parts ?? []).forEach((part, index) => {
    const media = convertGeminiMedia(part);
    if (media?.type === 'image') content.push(media);
    else warnings.push(`${param}.parts[${index}]: only images are kept in a function response; dropped.`);
  });
  return {
    type: 'tool-result',
    toolCallId,
    toolName: response.name,
    content,
    ...(isError ? { isError: true } : {}),
  };
}

function systemMessage(systemInstruction: GeminiRequest['systemInstruction']): CanonicalMessage | undefined {
  if (systemInstruction === undefined) return undefined;
  if (typeof systemInstruction === 'string') {
    return systemInstruction === ''
      ? undefined
      : { role: 'system', content: [{ type: 'text', text: systemInstruction }] };
  }
  const content: TextPart[] = [];
  systemInstruction.parts.forEach((part, index) => {
    if (part.text === undefined) {
      const param = `systemInstruction.parts[${index}]`;
      throw new GatewayError('invalid_request', `${param}: system instructions can only hold text.`, { param });
    }
    if (part.text !== '') content.push({ type: 'text', text: part.text });
  });
  return content.length === 0 ? undefined : { role: 'system', content };
}

/**
 * Gemini `systemInstruction` + `contents` → canonical messages. Function responses carry no id (usually), so
 * each is paired with the first unanswered call of the same name in the latest model turn; a `user` content
 * holding responses and other parts splits into a tool message and a user message, in order.
 */
export function convertGeminiContents({
  contents,
  systemInstruction,
}: Pick<GeminiRequest, 'contents' | 'systemInstruction'>): Converted<CanonicalMessage[]> {
  const warnings: string[] = [];
  const messages: CanonicalMessage[] = [];
  const system = systemMessage(systemInstruction);
  if (system !== undefined) messages.push(system);

  let turnCalls: TurnCall[] = [];
  let previousRole: string | undefined;
  contents.forEach((content, contentIndex) => {
    const role = content.role ?? 'user';
    if (content.parts.length === 0) {
      warnings.push(`contents[${contentIndex}] has no parts and was dropped.`);
      return;
    }
    if (role === 'model') {
      if (previousRole !== 'model') turnCalls = [];
      const converted = convertGeminiModelParts(content.parts, contentIndex);
      warnings.push(...converted.warnings);
      for (const part of converted.value) {
        if (part.type === 'tool-call') turnCalls.push({ id: part.id, name: part.name, answered: false });
      }
      if (converted.value.length > 0) messages.push({ role: 'assistant', content: converted.value });
      previousRole = role;
      return;
    }
    // 'function' is the role older clients used for function responses.
    if (role !== 'user' && role !== 'function') {
      const param = `contents[${contentIndex}].role`;
      throw new GatewayError('invalid_request', `${param} must be 'user' or 'model', got '${role}'.`, { param });
    }
    previousRole = role;
    let results: ToolResultPart[] = [];
    let userParts: UserContentPart[] = [];
    const flush = (): void => {
      if (results.length > 0) messages.push({ role: 'tool', content: results });
      if (userParts.length > 0) messages.push({ role: 'user', content: userParts });
      results = [];
      userParts = [];
    };
    content.parts.forEach((part, partIndex) => {
      const param = `contents[${contentIndex}].parts[${partIndex}]`;
      const response = part.functionResponse;
      if (response === undefined) {
        const converted = convertGeminiUserPart(part, param);
        warnings.push(...converted.warnings);
        if (converted.value === undefined) return;
        if (results.length > 0) flush();
        userParts.push(converted.value);
        return;
      }
      const call =
        (response.id === undefined ? undefined : turnCalls.find((candidate) => candidate.id === response.id)) ??
        turnCalls.find((candidate) => !candidate.answered && candidate.name === response.name);
      if (call !== undefined) call.answered = true;
      else if (response.id === undefined)
        warnings.push(`${param}: functionResponse '${response.name}' matches no earlier functionCall.`);
      const id = call?.id ?? response.id ?? `call_${contentIndex}_${partIndex}`;
      if (userParts.length > 0) flush();
      results.push(toolResult(response, id, `${param}.functionResponse`, warnings));
    });
    flush();
  });
  return { value: messages, warnings };
}
