import type { Converted, JsonSchema, ToolChoice, ToolDefinition } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import type { GeminiRequest } from './gemini-request-schema.js';
import { geminiSchemaToJsonSchema } from './gemini-schema-to-json-schema.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inputSchema(declaration: {
  parameters?: Record<string, unknown>;
  parametersJsonSchema?: unknown;
}): JsonSchema {
  if (isRecord(declaration.parametersJsonSchema)) return declaration.parametersJsonSchema;
  if (declaration.parameters !== undefined) return geminiSchemaToJsonSchema(declaration.parameters);
  return { type: 'object', properties: {} };
}

function toolChoiceFor(
  config: NonNullable<GeminiRequest['toolConfig']>['functionCallingConfig'],
  warnings: string[],
): { toolChoice?: ToolChoice; allowed?: string[] } {
  const mode = config?.mode?.toUpperCase();
  const allowed = config?.allowedFunctionNames ?? [];
  switch (mode) {
    case undefined:
    case 'MODE_UNSPECIFIED':
      return {};
    case 'AUTO':
    case 'VALIDATED':
      if (mode === 'VALIDATED') warnings.push('toolConfig mode VALIDATED was translated as AUTO.');
      if (allowed.length > 0) warnings.push('allowedFunctionNames only applies to mode ANY and was ignored.');
      return { toolChoice: { type: 'auto' } };
    case 'NONE':
      return { toolChoice: { type: 'none' } };
    case 'ANY': {
      const [only] = allowed;
      if (allowed.length === 1 && only !== undefined) return { toolChoice: { type: 'tool', name: only } };
      return allowed.length > 1 ? { toolChoice: { type: 'required' }, allowed } : { toolChoice: { type: 'required' } };
    }
    default: {
      const param = 'toolConfig.functionCallingConfig.mode';
      throw new GatewayError('invalid_request', `${param} must be AUTO, ANY or NONE, got '${config?.mode}'.`, {
        param,
      });
    }
  }
}

/**
 * Gemini `tools` + `toolConfig` → canonical tools and tool choice. Built-in tools (googleSearch, codeExecution,
 * urlContext, …) have no canonical form: they are dropped with a warning (the pass-through path keeps them).
 * ANY with several allowed names keeps only those tools, which forces a call among them just the same.
 */
export function convertGeminiTools({
  tools,
  toolConfig,
}: Pick<GeminiRequest, 'tools' | 'toolConfig'>): Converted<{ tools?: ToolDefinition[]; toolChoice?: ToolChoice }> {
  const warnings: string[] = [];
  const definitions: ToolDefinition[] = [];
  (tools ?? []).forEach((tool, index) => {
    for (const key of Object.keys(tool)) {
      if (key !== 'functionDeclarations') {
        warnings.push(`tools[${index}].${key} is a Gemini built-in tool the gateway cannot translate; dropped.`);
      }
    }
    for (const declaration of tool.functionDeclarations ?? []) {
      definitions.push({
        name: declaration.name,
        ...(declaration.description === undefined ? {} : { description: declaration.description }),
        inputSchema: inputSchema(declaration),
      });
    }
  });
  const { toolChoice, allowed } = toolChoiceFor(toolConfig?.functionCallingConfig, warnings);
  const kept = allowed === undefined ? definitions : definitions.filter((tool) => allowed.includes(tool.name));
  return {
    value: {
      ...(kept.length > 0 ? { tools: kept } : {}),
      ...(toolChoice === undefined ? {} : { toolChoice }),
    },
    warnings,
  };
}
