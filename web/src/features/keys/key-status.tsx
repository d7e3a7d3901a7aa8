import type { ApiKey } from '../../api/types';
import { Badge } from '../../ui/card';

export function keyState(key: ApiKey, now = Date.now()): 'revoked' | 'disabled' | 'expired' | 'active' {
  if (key.revokedAt !== null) return 'revoked';
  if (key.disabled) return 'disabled';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

export function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  const state = keyState(apiKey);
  const tone = state === 'active' ? 'good' : state === 'revoked' ? 'bad' : 'warn';
  return <Badge tone={tone}>{state}</Badge>;
}

/** "rpm 60 · tpm 100k · 2 models" — what restricts this key, at a glance. */
export function policySummary(key: ApiKey): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(key.limits ?? {})) if (value !== undefined) parts.push(`${name} ${value}`);
  if (key.allowedModels?.length)
    parts.push(`${key.allowedModels.length} allowed model${key.allowedModels.length === 1 ? '' : 's'}`);
  if (key.blockedModels?.length) parts.push(`${key.blockedModels.length} blocked`);
  if (key.allowedCombos?.length) parts.push(`${key.allowedCombos.length} combos`);
  if (key.ipAllowlist?.length) parts.push('IP allowlist');
  return parts.length === 0 ? 'unrestricted' : parts.join(' · ');
}
