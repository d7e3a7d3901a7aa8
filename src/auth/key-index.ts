import { type CompiledKeyPolicy, compileKeyPolicy } from '../governance/key-governance.js';
import type { ApiKeyRecord, KeyScope } from '../storage/repositories/api-keys-repository.js';
import { hashApiKey } from './api-key-secret.js';

export interface ClientIdentity {
  keyId: string;
  keyName: string;
  scopes: readonly KeyScope[];
  /** Per-key governance (expiry, disable, models, IPs, limits); absent for an unrestricted key. */
  policy?: CompiledKeyPolicy;
}

/** Live keys by hash, rebuilt from the database when keys change: the hot path never queries storage. */
export class KeyIndex {
  private byHash = new Map<string, ClientIdentity>();

  replaceAll(keys: readonly ApiKeyRecord[]): void {
    const next = new Map<string, ClientIdentity>();
    for (const key of keys) {
      if (key.revokedAt !== null) continue;
      next.set(key.keyHash, { keyId: key.id, keyName: key.name, scopes: key.scopes, policy: compileKeyPolicy(key) });
    }
    this.byHash = next;
  }

  lookup(presentedKey: string): ClientIdentity | undefined {
    return this.byHash.get(hashApiKey(presentedKey));
  }

  get size(): number {
    return this.byHash.size;
  }
}
