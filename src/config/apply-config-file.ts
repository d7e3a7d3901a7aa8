import { assertAliasTarget } from '../admin/alias-routes.js';
import { toNewCombo } from '../admin/combo-routes.js';
import { assertPrefixFree, nodeApiTypes } from '../admin/provider-nodes-routes.js';
import { createConnection } from '../admin/upsert-connection.js';
import { displayPrefix, hashApiKey } from '../auth/api-key-secret.js';
import { createApiKey } from '../auth/create-api-key.js';
import { validateComboGraph } from '../routing/combo-plan.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import type { ConfigFile } from './config-file.js';

/** Applies the config file's objects as upserts by name: running it twice changes nothing the second time. */
export async function applyConfigFile(
  file: ConfigFile,
  repositories: Repositories,
  state: RuntimeState,
): Promise<void> {
  for (const node of file.nodes ?? []) {
    const existing = await repositories.providerNodes.findByName(node.name);
    const format = nodeApiTypes[node.apiType];
    if (existing === undefined) {
      await assertPrefixFree(repositories, node.prefix);
      await repositories.providerNodes.create({ name: node.name, prefix: node.prefix, format, baseUrl: node.baseUrl });
    } else {
      if (existing.prefix !== node.prefix) await assertPrefixFree(repositories, node.prefix, existing.id);
      await repositories.providerNodes.update(existing.id, { prefix: node.prefix, format, baseUrl: node.baseUrl });
    }
  }
  await state.reload();

  for (const entry of file.providers ?? []) {
    const providerId = state.snapshot.providersByName.get(entry.provider)?.id ?? entry.provider;
    const existing = await repositories.connections.findByName(providerId, entry.name);
    if (existing === undefined) {
      await createConnection(repositories, state, entry);
    } else {
      await repositories.connections.update(existing.id, {
        apiKey: entry.apiKey ?? null,
        baseUrl: entry.baseUrl ?? null,
        ...(entry.priority === undefined ? {} : { priority: entry.priority }),
        isActive: entry.isActive ?? true,
      });
    }
  }

  await state.reload();
  for (const input of file.combos ?? []) {
    const combo = toNewCombo(input);
    const existing = await repositories.combos.get(combo.name);
    validateComboGraph(combo, state.snapshot);
    if (existing === undefined) await repositories.combos.create(combo);
    else await repositories.combos.update(existing.id, combo);
    await state.reload();
  }
  for (const alias of file.aliases ?? []) {
    assertAliasTarget(alias.target, state.snapshot);
    await repositories.aliases.upsert(alias);
  }

  for (const entry of file.keys ?? []) {
    const scopes = entry.scopes ?? [];
    const existing = await repositories.apiKeys.findByName(entry.name);
    if (existing === undefined) await createApiKey(repositories.apiKeys, { name: entry.name, scopes, key: entry.key });
    else await repositories.apiKeys.replaceHash(existing.id, hashApiKey(entry.key), displayPrefix(entry.key), scopes);
  }
  await state.reload();
}
