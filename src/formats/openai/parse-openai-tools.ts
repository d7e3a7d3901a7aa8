import type { ToolChoice, ToolDefinition } from '../../core/canonical.js';
import {
  invalidField,
  type JsonObject,
  omitUndefined,
  readArray,
  readBoolean,
  readRecord,
  readString,
  requireRecord,
  requireString,
} from './field-readers.js';

export interface ParsedTools {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
}

/** A function without `parameters` takes no arguments (OpenAI: "omitting parameters defines an empty list"). */
const emptyParameters = { type: 'object', properties: {} };

/**
 * `tools` + `tool_choice`, or the deprecated `functions` + `function_call` (used only when `tools` is absent).
 * Custom (free-form grammar) tools have no canonical equivalent and are rejected.
 */
export function parseOpenaiTools(request: JsonObject): ParsedTools {
  const toolList = readArray(request.tools, 'tools');
  if (toolList !== undefined) {
    const tools = toolList.map((item, index) => parseTool(requireRecord(item, `tools[${index}]`), `tools[${index}]`));
    return applyToolChoice(tools, request.tool_choice);
  }
  const functionList = readArray(request.functions, 'functions');
  if (functionList !== undefined) {
    const tools = functionList.map((item, index) =>
      parseFunctionDefinition(requireRecord(item, `functions[${index}]`), `functions[${index}]`),
    );
    return omitUndefined({ tools, toolChoice: parseLegacyFunctionCall(request.function_call) });
  }
  return omitUndefined({ toolChoice: parseToolChoice(request.tool_choice)?.choice });
}

function parseTool(tool: JsonObject, param: string): ToolDefinition {
  const type = readString(tool.type, `${param}.type`) ?? 'function';
  if (type !== 'function') {
    throw invalidField(`${param}.type`, `${param}.type "${type}" is not supported: only function tools are`);
  }
  return parseFunctionDefinition(requireRecord(tool.function, `${param}.function`), `${param}.function`);
}

function parseFunctionDefinition(definition: JsonObject, param: string): ToolDefinition {
  return omitUndefined({
    name: requireString(definition.name, `${param}.name`),
    description: readString(definition.description, `${param}.description`),
    inputSchema: readRecord(definition.parameters, `${param}.parameters`) ?? emptyParameters,
    strict: readBoolean(definition.strict, `${param}.strict`),
  });
}

interface ParsedChoice {
  choice: ToolChoice;
  /** `allowed_tools` restricts the callable set; the canonical model expresses that by listing only those tools. */
  allowedNames?: Set<string>;
}

function applyToolChoice(tools: ToolDefinition[], value: unknown): ParsedTools {
  const parsed = parseToolChoice(value);
  if (parsed?.allowedNames === undefined) return omitUndefined({ tools, toolChoice: parsed?.choice });
  const allowed = parsed.allowedNames;
  return { tools: tools.filter((tool) => allowed.has(tool.name)), toolChoice: parsed.choice };
}

function parseToolChoice(value: unknown): ParsedChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (value === 'auto' || value === 'none' || value === 'required') return { choice: { type: value } };
    throw invalidField('tool_choice', 'tool_choice must be "auto", "none", "required" or an object');
  }
  const choice = requireRecord(value, 'tool_choice');
  const type = requireString(choice.type, 'tool_choice.type');
  switch (type) {
    case 'function': {
      const fn = requireRecord(choice.function, 'tool_choice.function');
      return { choice: { type: 'tool', name: requireString(fn.name, 'tool_choice.function.name') } };
    }
    case 'allowed_tools': {
      const allowed = requireRecord(choice.allowed_tools, 'tool_choice.allowed_tools');
      const mode = readString(allowed.mode, 'tool_choice.allowed_tools.mode') ?? 'auto';
      if (mode !== 'auto' && mode !== 'required') {
        throw invalidField(
          'tool_choice.allowed_tools.mode',
          'tool_choice.allowed_tools.mode must be "auto" or "required"',
        );
      }
      const names = (readArray(allowed.tools, 'tool_choice.allowed_tools.tools') ?? []).map((item, index) => {
        const param = `tool_choice.allowed_tools.tools[${index}]`;
        const fn = requireRecord(requireRecord(item, param).function, `${param}.function`);
        return requireString(fn.name, `${param}.function.name`);
      });
      return { choice: { type: mode }, allowedNames: new Set(names) };
    }
    default:
      throw invalidField('tool_choice.type', `tool_choice.type "${type}" is not supported`);
  }
}

function parseLegacyFunctionCall(value: unknown): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none') return { type: value };
  const choice = requireRecord(value, 'function_call');
  return { type: 'tool', name: requireString(choice.name, 'function_call.name') };
}
