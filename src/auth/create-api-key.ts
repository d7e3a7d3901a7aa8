import type {
  ApiKeyRecord,
  ApiKeysRepository,
  KeyGovernanceFields,
  KeyScope,
} from '../storage/repositories/api-keys-repository.js';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret.js';

/** Creates a key (generated unless given, e.g. from a config file) and stores only its hash. */
export async function createApiKey(
  repository: ApiKeysRepository,
  input: { name: string; scopes: KeyScope[]; key?: string } & Partial<KeyGovernanceFields>,
): Promise<{ record: ApiKeyRecord; key: string }> {
  const key = input.key ?? generateApiKey();
  const record = await repository.create({
    name: input.name,
    keyHash: hashApiKey(key),
    keyPrefix: displayPrefix(key),
    scopes: input.scopes,
    policy: input.policy,
    expiresAt: input.expiresAt,
    disabled: input.disabled,
  });
  return { record, key };
}
