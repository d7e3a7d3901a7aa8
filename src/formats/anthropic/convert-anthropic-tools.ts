import type { Converted, ToolChoice, ToolDefinition } from '../../core/canonical.js';
import { type AnthropicRequest, customToolSchema } from './anthropic-request-schema.js';
import { toCanonicalCacheControl } from './to-canonical-cache-control.js';
import { validateAnthropicField } from './validate-anthropic-field.js';

interface ConvertedTools {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
}

/**
 * `tools` + `tool_choice` → canonical tools. Only custom tools translate: Anthropic-defined and server tools
 * (`web_search_*`, `bash_*`, `text_editor_*`, ...) run inside Anthropic or need its special model training,
 * so they are dropped with a warning.
 */
export function convertAnthropicTools(
  tools: AnthropicRequest['tools'],
  toolChoice: AnthropicRequest['tool_choice'],
): Converted<ConvertedTools> {
  const warnings: string[] = [];
  const value: ConvertedTools = {};
  if (tools !== null && tools !== undefined) {
    const definitions: ToolDefinition[] = [];
    tools.forEach((tool, index) => {
      if (tool.type !== null && tool.type !== undefined && tool.type !== 'custom') {
        warnings.push(
          `tool '${tool.name ?? tool.type}' of type '${tool.type}' was dropped: only custom tools translate`,
        );
        return;
      }
      const custom = validateAnthropicField(customToolSchema, tool, ['tools', index]);
      const definition: ToolDefinition = { name: custom.name, inputSchema: custom.input_schema };
      if (typeof custom.description === 'string') definition.description = custom.description;
      if (typeof custom.strict === 'boolean') definition.strict = custom.strict;
      const cacheControl = toCanonicalCacheControl(custom.cache_control);
      if (cacheControl !== undefined) definition.cacheControl = cacheControl;
      definitions.push(definition);
    });
    if (definitions.length > 0) value.tools = definitions;
  }
  if (toolChoice !== null && toolChoice !== undefined) {
    switch (toolChoice.type) {
      case 'auto':
        value.toolChoice = { type: 'auto' };
        break;
      case 'any':
        value.toolChoice = { type: 'required' };
        break;
      case 'tool':
        value.toolChoice = { type: 'tool', name: toolChoice.name };
        break;
      case 'none':
        value.toolChoice = { type: 'none' };
        break;
      default: {
        const exhaustive: never = toolChoice;
        throw new Error(`unreachable tool_choice ${String(exhaustive)}`);
      }
    }
    if ('disable_parallel_tool_use' in toolChoice && toolChoice.disable_parallel_tool_use === true) {
      value.parallelToolCalls = false;
    }
  }
  return { value, warnings };
}
