/**
 * The wire formats OmniRoute speaks, on either side. A client format is what a client calls us with;
 * an upstream format is what a provider expects. Both sides share the same names.
 */
export const wireFormats = ['openai', 'openai-responses', 'anthropic', 'gemini', 'ollama'] as const;

export type WireFormat = (typeof wireFormats)[number];

export function isWireFormat(value: unknown): value is WireFormat {
  return typeof value === 'string' && (wireFormats as readonly string[]).includes(value);
}
