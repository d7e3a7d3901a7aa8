/**
 * The one rule for what counts as a secret and how it is hidden, for everything we store or show: audit-log
 * details, diagnostics and exports (`redactSecrets`), and request and response bodies (`redactBody`). The only
 * deliberate difference is that bodies are free text where people paste keys, so they also get `redactText` (key
 * shapes anywhere); configuration is structured (its secrets sit in named fields), and there the key-shape patterns
 * would mangle ordinary values such as the model id `xai-grok-2-vision-1212`.
 */

/** What a secret is replaced with, everywhere (the logger's censor too). */
export const redacted = '[redacted]';

/**
 * Endings of normalized field names (lower case, no '-' or '_') that mark a credential: `apiKey`, `x-api-key`, `key`,
 * `refresh_token`, `clientSecret`, `passwordHash`, `set-cookie`. Matching by whole name or ending, never by
 * substring: `maxTokens`, `keyName` and `tokenizer` are settings, not secrets.
 */
const secretEndings = [
  'key',
  'token',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  // A hash of a password or key still allows guessing it offline.
  'hash',
];

/** Whether a field holds a credential. A dotted path (`proxy.password`, from a diff) is judged by its last part. */
export function isSecretField(name: string): boolean {
  const normalized = (name.split('.').at(-1) ?? name).toLowerCase().replace(/[-_]/g, '');
  return secretEndings.some((ending) => normalized.endsWith(ending));
}

/**
 * User info in a URL (`scheme://user:password@host`: proxy and database URLs carry credentials inline): the password
 * goes, and a lone user name too, since that is often a token (`https://<token>@host`).
 */
// The lookbehind starts a match only where a scheme can start: without it, a long run of letters is rescanned from
// every position (quadratic on a large prompt).
const urlCredentials = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)(?:([^/\s:@]*):)?[^/\s@]+@/gi;

function redactUrlCredentials(text: string): string {
  return text.replace(urlCredentials, (_match, scheme: string, user: string | undefined) =>
    user === undefined ? `${scheme}${redacted}@` : `${scheme}${user}:${redacted}@`,
  );
}

/**
 * Credential shapes worth hiding wherever they appear in text: bearer tokens and the key formats of the providers
 * we talk to (OpenAI/Anthropic/OmniRoute `sk-…`, Google `AIza…`, Groq `gsk_…`, xAI `xai-…`, GitHub, Hugging Face,
 * AWS access key ids) and JSON Web Tokens.
 */
const secretPatterns: readonly RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  // These keys are one unbroken run of letters and digits after the prefix, unlike ids such as `xai-grok-2-1212`.
  /\b(gsk|xai|hf|ghp|gho|ghu|ghs|ghr|pplx)[_-][A-Za-z0-9]{20,}/g,
  /\b(github_pat_|nvapi-)[A-Za-z0-9_-]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** Hides URL credentials and key shapes in free text (also inside stream frames and cut-off JSON). */
export function redactText(text: string): string {
  let result = redactUrlCredentials(text);
  for (const pattern of secretPatterns) {
    result = result.replace(pattern, (_match, scheme: unknown) =>
      typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${redacted}` : redacted,
    );
  }
  return result;
}

export interface RedactOptions {
  maxDepth?: number;
  /** Longer strings are cut (a prompt or a pasted file does not belong in the audit log). */
  maxStringLength?: number;
  maxArrayItems?: number;
}

/**
 * A copy of a JSON-like value that is safe to store or show: values of credential fields (at any depth, objects
 * included) become '[redacted]', URL credentials are masked, and with options the size is bounded. Values that
 * say whether a secret is set stay readable: null, an empty string, a flag (`requireApiKey: true` is a fact). Non-JSON
 * values (functions, symbols) are dropped, bigints become strings, and `toJSON` is honoured.
 */
export function redactSecrets(value: unknown, options: RedactOptions = {}): unknown {
  const { maxDepth = Number.POSITIVE_INFINITY, maxStringLength, maxArrayItems } = options;
  const visit = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') {
      const masked = redactUrlCredentials(current);
      return maxStringLength !== undefined && masked.length > maxStringLength
        ? `${masked.slice(0, maxStringLength)}…`
        : masked;
    }
    if (current === null || typeof current === 'number' || typeof current === 'boolean') return current;
    if (typeof current === 'bigint') return current.toString();
    if (typeof current !== 'object') return undefined;
    if (depth >= maxDepth) return '[…]';
    // As JSON.stringify does: a Date, a Buffer, or an uploaded file that shows its size instead of its bytes.
    const toJson: unknown = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJson === 'function') {
      const serialized: unknown = toJson.call(current);
      if (serialized !== current) return visit(serialized, depth);
    }
    if (Array.isArray(current)) {
      if (maxArrayItems === undefined || current.length <= maxArrayItems) {
        return current.map((item) => visit(item, depth + 1));
      }
      const items = current.slice(0, maxArrayItems).map((item) => visit(item, depth + 1));
      return [...items, `… ${current.length - maxArrayItems} more`];
    }
    const copy: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(current)) {
      copy[field] = isSecretField(field) && !showsOnlyPresence(fieldValue) ? redacted : visit(fieldValue, depth + 1);
    }
    return copy;
  };
  return visit(value, 0);
}

function showsOnlyPresence(value: unknown): boolean {
  return value === null || value === undefined || value === '' || typeof value === 'boolean';
}

/**
 * A request or response body as stored text with secrets hidden: credential fields (when the body is JSON) and
 * credential shapes anywhere.
 */
export function redactBody(body: unknown): string {
  if (typeof body !== 'string') return redactText(JSON.stringify(redactSecrets(body)) ?? '');
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return redactText(JSON.stringify(redactSecrets(JSON.parse(body))));
    } catch {
      // Not JSON after all: the pattern pass below still applies.
    }
  }
  return redactText(body);
}
