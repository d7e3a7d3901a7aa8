import type { CacheControl } from '../../core/canonical.js';

interface WireCacheControl {
  type: 'ephemeral';
  ttl?: string | null | undefined;
}

/** Anthropic `cache_control` → canonical mark; `null` (allowed by the API) means no mark. */
export function toCanonicalCacheControl(value: WireCacheControl | null | undefined): CacheControl | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value.ttl === 'string' ? { type: 'ephemeral', ttl: value.ttl } : { type: 'ephemeral' };
}
