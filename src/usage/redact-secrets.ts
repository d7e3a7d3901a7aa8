const redacted = '[REDACTED]';

/**
 * Credential shapes worth hiding wherever they appear in text: bearer tokens and the key formats of the providers
 * we talk to (OpenAI/Anthropic/OmniRoute `sk-…`, Google `AIza…`, Groq `gsk_…`, xAI `xai-…`, GitHub, Hugging Face,
 * AWS access key ids) and JSON Web Tokens.
 */
const secretPatterns: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\b(gsk|xai|hf|ghp|gho|ghu|ghs|ghr|github_pat|pplx|nvapi)[_-][A-Za-z0-9_-]{16,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/**
 * Field names that hold credentials: `apiKey`, `api_key`, `x-api-key`, `access_token`, `password`, `client_secret`,
 * `authorization`, `credentials`. Token counts (`max_tokens`, `input_tokens`) end in "tokens" and stay readable.
 */
const secretField = /(key|token|password|passwd|secret|authorization|credentials?|cookie)$/i;

/** Replaces credential patterns in free text (also inside stream frames and cut-off JSON). */
export function redactText(text: string): string {
  let result = text;
  for (const pattern of secretPatterns) {
    result = result.replace(pattern, (_match, scheme: unknown) =>
      typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${redacted}` : redacted,
    );
  }
  return result;
}

/** A JSON.stringify replacer that blanks string values of credential-named fields. */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (key !== '' && typeof value === 'string' && secretField.test(key)) return redacted;
  return value;
}

/**
 * A body as stored text with secrets hidden: credential-named fields (when the body is JSON) and credential
 * patterns anywhere.
 */
export function redactBody(body: unknown): string {
  if (typeof body !== 'string') return redactText(JSON.stringify(body, redactingReplacer) ?? '');
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return redactText(JSON.stringify(JSON.parse(body), redactingReplacer));
    } catch {
      // Not JSON after all: the pattern pass below still applies.
    }
  }
  return redactText(body);
}
