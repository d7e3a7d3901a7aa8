import type { ToolChoice, ToolDefinition } from '../../core/canonical.js';
import { invalidField, parseWithSchema } from './parse-with-schema.js';
import { allowedToolsChoiceSchema, functionChoiceSchema, functionToolSchema } from './responses-request-schema.js';

function typeOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') {
    return value.type;
  }
  return undefined;
}

/**
 * Function tools → canonical tools. Built-in tools (web_search, file_search, code_interpreter, mcp, custom, …)
 * run inside OpenAI; no other upstream can run them, so they are dropped with a warning. (Same-format calls take
 * the pass-through path and keep them.)
 */
export function convertResponsesTools(tools: unknown[], warnings: string[]): ToolDefinition[] {
  const converted: ToolDefinition[] = [];
  tools.forEach((value, index) => {
    const path = `tools[${index}]`;
    const type = typeOf(value);
    if (type === undefined) throw invalidField(`${path}.type`, 'expected a tool with a string type');
    if (type !== 'function') {
      warnings.push(`${path}: built-in tool '${type}' only runs on OpenAI and cannot be translated; dropped`);
      return;
    }
    const tool = parseWithSchema(functionToolSchema, value, path);
    converted.push({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      inputSchema: tool.parameters ?? { type: 'object', properties: {} },
      // Left unset when the client left it unset: forcing the Responses default (strict) onto other formats
      // would reject schemas those clients never meant to be strict.
      ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    });
  });
  return converted;
}

/** `tool_choice` → canonical. Choices naming built-in tools are dropped with their tools. */
export function convertResponsesToolChoice(choice: unknown, warnings: string[]): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
  const type = typeOf(choice);
  if (type === 'function') {
    return { type: 'tool', name: parseWithSchema(functionChoiceSchema, choice, 'tool_choice').name };
  }
  if (type === 'allowed_tools') {
    const { mode } = parseWithSchema(allowedToolsChoiceSchema, choice, 'tool_choice');
    warnings.push('tool_choice: allowed_tools is approximated by its mode; every declared tool stays callable');
    return { type: mode };
  }
  if (type !== undefined) {
    warnings.push(`tool_choice: '${type}' names a built-in tool that cannot be translated; ignored`);
    return undefined;
  }
  throw invalidField('tool_choice', "expected 'auto', 'none', 'required' or an object with a type");
}
