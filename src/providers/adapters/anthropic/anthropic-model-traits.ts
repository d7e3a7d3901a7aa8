/**
 * What a Claude model accepts, read from its id, because the Messages API now differs per model generation:
 * - Claude 4.6+ (and the 5 generation) think adaptively (`thinking: {type:'adaptive'}` + `output_config.effort`);
 *   `budget_tokens` is deprecated on 4.6 and rejected with a 400 on Opus 4.7+ and generation 5 (Anthropic's
 *   claude-api skill, "API drift" table; model migration guide).
 * - Opus 4.7+ and generation 5 reject `temperature` / `top_p` / `top_k` ("temperature is deprecated for this
 *   model", reported in BerriAI/litellm#26444 and github/copilot-sdk#1557).
 * - Fable and Mythos always think: an explicit `{type:'disabled'}` is a 400 (claude-api skill, Fable 5 notes).
 * - Native structured outputs (`output_config.format`) exist from Opus 4.1 / Sonnet 4.5 / Haiku 4.5 on
 *   (docs: build-with-claude/structured-outputs), not on Claude 3.x nor Sonnet 4 / Opus 4.
 * Ids that are not recognisably Claude (Anthropic-compatible endpoints of other vendors) get the classic,
 * most widely accepted behaviour.
 */
export interface AnthropicModelTraits {
  adaptiveThinking: boolean;
  /** Thinking cannot be turned off. */
  alwaysThinks: boolean;
  samplingParameters: boolean;
  nativeStructuredOutput: boolean;
}

const classic: AnthropicModelTraits = {
  adaptiveThinking: false,
  alwaysThinks: false,
  samplingParameters: true,
  nativeStructuredOutput: false,
};

// `claude-sonnet-4-5-20250929`, `claude-opus-4-1`, `claude-fable-5`, `anthropic.claude-opus-4-7[1m]`...
const familyFirst = /claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d{1,2}))?(?!\d)/;
// `claude-3-7-sonnet-20250219`, `claude-3-5-haiku-latest`, `claude-3-opus-20240229`.
const versionFirst = /claude-(\d+)(?:-(\d{1,2}))?-(opus|sonnet|haiku)/;

export function anthropicModelTraits(model: string): AnthropicModelTraits {
  const version = readVersion(model.toLowerCase());
  if (version === undefined) return classic;
  const at = (major: number, minor: number): boolean =>
    version.major > major || (version.major === major && version.minor >= minor);
  return {
    adaptiveThinking: at(4, 6),
    alwaysThinks: version.family === 'fable' || version.family === 'mythos',
    samplingParameters: !(at(5, 0) || (version.family === 'opus' && at(4, 7))),
    nativeStructuredOutput: at(4, 5) || (version.family === 'opus' && at(4, 1)),
  };
}

function readVersion(model: string): { family: string; major: number; minor: number } | undefined {
  const named = familyFirst.exec(model);
  if (named !== null) {
    return { family: named[1] ?? '', major: Number(named[2]), minor: Number(named[3] ?? '0') };
  }
  const numbered = versionFirst.exec(model);
  if (numbered !== null) {
    return { family: numbered[3] ?? '', major: Number(numbered[1]), minor: Number(numbered[2] ?? '0') };
  }
  return undefined;
}
