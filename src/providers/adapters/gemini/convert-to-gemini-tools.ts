import type { Converted, ToolChoice, ToolDefinition } from '../../../core/canonical.js';
import { cleanJsonSchemaForGemini } from './clean-json-schema-for-gemini.js';
import type { GeminiFunctionDeclaration, GeminiRequestBody, GeminiToolConfig } from './gemini-wire-types.js';

function toolConfigFor(choice: ToolChoice): GeminiToolConfig {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
    default: {
      const unexpected: never = choice;
      throw new Error(`Unexpected tool choice ${JSON.stringify(unexpected)}`);
    }
  }
}

function declarationFor(tool: ToolDefinition, index: number, warnings: string[]): GeminiFunctionDeclaration {
  const cleaned = cleanJsonSchemaForGemini(tool.inputSchema);
  warnings.push(...cleaned.warnings.map((warning) => `tools[${index}] (${tool.name}): ${warning}`));
  const { properties } = cleaned.value;
  const hasProperties = typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0;
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    // A parameterless function must omit `parameters`: an empty OBJECT schema is a 400 on Gemini.
    ...(hasProperties ? { parameters: { ...cleaned.value, type: 'object' } } : {}),
  };
}

/** Canonical tools and tool choice → Gemini `tools[].functionDeclarations` and `toolConfig`. */
export function convertToGeminiTools({
  tools,
  toolChoice,
}: {
  tools: ToolDefinition[] | undefined;
  toolChoice: ToolChoice | undefined;
}): Converted<Pick<GeminiRequestBody, 'tools' | 'toolConfig'>> {
  const warnings: string[] = [];
  if (tools === undefined || tools.length === 0) return { value: {}, warnings };
  const functionDeclarations = tools.map((tool, index) => declarationFor(tool, index, warnings));
  return {
    value: {
      tools: [{ functionDeclarations }],
      ...(toolChoice === undefined ? {} : { toolConfig: toolConfigFor(toolChoice) }),
    },
    warnings,
  };
}
