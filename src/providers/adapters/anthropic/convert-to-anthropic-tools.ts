import type { CanonicalRequest, Converted } from '../../../core/canonical.js';
import type { WireTool, WireToolChoice } from './anthropic-wire-types.js';
import { cleanJsonSchemaForAnthropic } from './clean-json-schema-for-anthropic.js';
import { toWireCacheControl } from './convert-to-anthropic-content.js';

interface AnthropicTools {
  tools?: WireTool[];
  toolChoice?: WireToolChoice;
}

type ToolOptions = Pick<CanonicalRequest, 'tools' | 'toolChoice' | 'parallelToolCalls'>;

/**
 * Canonical tools → Anthropic `tools` + `tool_choice`. `required` is Anthropic's `any`; turning parallel calls
 * off is `disable_parallel_tool_use` on the choice (an `auto` choice is added to carry it). A `tool_choice`
 * without tools is dropped: Anthropic has nothing to apply it to.
 */
export function convertToAnthropicTools({
  tools,
  toolChoice,
  parallelToolCalls,
}: ToolOptions): Converted<AnthropicTools> {
  const warnings: string[] = [];
  if (tools === undefined || tools.length === 0) return { value: {}, warnings };

  const wireTools = tools.map((tool): WireTool => {
    // Anthropic requires an object schema; an empty or type-less schema (a tool without arguments) is made one.
    let schema: Record<string, unknown> = { type: 'object', ...tool.inputSchema };
    if (tool.strict === true) {
      const cleaned = cleanJsonSchemaForAnthropic(schema);
      warnings.push(...cleaned.warnings);
      schema = cleaned.value;
    }
    const wire: WireTool = { name: tool.name, input_schema: schema };
    if (tool.description !== undefined) wire.description = tool.description;
    if (tool.strict !== undefined) wire.strict = tool.strict;
    return { ...wire, ...toWireCacheControl(tool.cacheControl) };
  });

  const serial = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  let wireChoice: WireToolChoice | undefined;
  switch (toolChoice?.type) {
    case undefined:
      wireChoice = parallelToolCalls === false ? { type: 'auto', ...serial } : undefined;
      break;
    case 'auto':
      wireChoice = { type: 'auto', ...serial };
      break;
    case 'required':
      wireChoice = { type: 'any', ...serial };
      break;
    case 'tool':
      wireChoice = { type: 'tool', name: toolChoice.name, ...serial };
      break;
    case 'none':
      wireChoice = { type: 'none' };
      break;
    default: {
      const exhaustive: never = toolChoice;
      throw new Error(`unreachable tool choice ${String(exhaustive)}`);
    }
  }
  return {
    value: wireChoice === undefined ? { tools: wireTools } : { tools: wireTools, toolChoice: wireChoice },
    warnings,
  };
}
