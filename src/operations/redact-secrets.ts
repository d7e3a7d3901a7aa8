/** Object keys whose string values are credentials (API keys, passwords, tokens, hashes of them, cookies). */
const secretKey = /pass(word|phrase)?|secret|token|api[-_]?key|authorization|cookie|credential|hash|key$/i;

export const redacted = '[redacted]';

/**
 * A deep copy fit for diagnostics and exports: string values under credential-like keys are replaced, and URLs
 * lose the password in their user-info part (proxy URLs carry credentials). Numbers and booleans stay readable
 * (`requireApiKey: true` is a fact, not a secret).
 */
export function redactSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (value !== '' && secretKey.test(key)) return redacted;
    return redactUrlPassword(value);
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactSecrets(item, name)]));
  }
  return value;
}

function redactUrlPassword(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/i.test(text)) return text;
  try {
    const url = new URL(text);
    if (url.password === '' && url.username === '') return text;
    // A lone user name is often a token (https://<token>@host), so it goes too.
    if (url.password !== '') url.password = '***';
    else url.username = '***';
    return url.toString();
  } catch {
    return redacted;
  }
}
