export const redacted = '[redacted]';

/** Field names compared lower-case without '-' and '_', so `api_key`, `API-Key` and `apiKey` are one name. */
const secretNames = new Set(['key', 'authorization', 'cookie', 'setcookie', 'credentials']);
/** Endings that mark a credential: `proxyPassword`, `clientSecret`, `refreshToken`, `xGoogApiKey`. */
const secretEndings = ['password', 'secret', 'token', 'apikey', 'passphrase', 'privatekey'];

/**
 * Whether a field holds a credential. Matching by whole name or ending, never by substring: `maxTokens` and
 * `budgetTokens` are settings, not secrets. A dotted path (`proxy.password`, from a diff) is judged by its last part.
 */
export function isSecretField(name: string): boolean {
  const normalized = (name.split('.').at(-1) ?? name).toLowerCase().replace(/[-_]/g, '');
  return secretNames.has(normalized) || secretEndings.some((ending) => normalized.endsWith(ending));
}

/** `scheme://user:password@host` → the password replaced: proxy URLs carry credentials inline. */
const urlCredentials = /^([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^/\s@]+@/i;

export interface RedactOptions {
  maxDepth?: number;
  /** Longer strings are cut (a prompt or a pasted file does not belong in the audit log). */
  maxStringLength?: number;
  maxArrayItems?: number;
}

/**
 * A copy of a JSON-like value that is safe to store: credential fields (at any depth) become '[redacted]', URL
 * passwords are masked, and size is bounded. Non-JSON values (functions, symbols) are dropped.
 */
export function redactSecrets(value: unknown, options: RedactOptions = {}): unknown {
  const { maxDepth = 8, maxStringLength = 500, maxArrayItems = 50 } = options;
  const visit = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') {
      const masked = current.replace(urlCredentials, `$1${redacted}@`);
      return masked.length > maxStringLength ? `${masked.slice(0, maxStringLength)}…` : masked;
    }
    if (current === null || typeof current === 'number' || typeof current === 'boolean') return current;
    if (typeof current === 'bigint') return current.toString();
    if (typeof current !== 'object') return undefined;
    if (depth >= maxDepth) return '[…]';
    if (Array.isArray(current)) {
      const items = current.slice(0, maxArrayItems).map((item) => visit(item, depth + 1));
      return current.length > maxArrayItems ? [...items, `… ${current.length - maxArrayItems} more`] : items;
    }
    if (current instanceof Date) return current.toISOString();
    const copy: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(current)) {
      copy[field] =
        isSecretField(field) && fieldValue !== null && fieldValue !== undefined
          ? redacted
          : visit(fieldValue, depth + 1);
    }
    return copy;
  };
  return visit(value, 0);
}
