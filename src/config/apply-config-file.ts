import { assertAliasTarget } from '../admin/alias-routes.js';
import { createBaseUrlGuard } from '../admin/base-url-guard.js';
import { toNewCombo } from '../admin/combo-routes.js';
import { assertPrefixFree, nodeApiTypes } from '../admin/provider-nodes-routes.js';
import { createConnection } from '../admin/upsert-connection.js';
import { toAuditRow } from '../audit/audit-log.js';
import { displayPrefix, hashApiKey } from '../auth/api-key-secret.js';
import { createApiKey } from '../auth/create-api-key.js';
import { errorMessage } from '../core/errors.js';
import { upsertEvalSuite } from '../evals/upsert-eval-suite.js';
import { validateComboGraph } from '../routing/combo-plan.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { type ConfigFile, ConfigFileError } from './config-file.js';

/** Applies the config file's objects as upserts by name: running it twice changes nothing the second time. */
export async function applyConfigFile(
  file: ConfigFile,
  repositories: Repositories,
  state: RuntimeState,
  settings: SettingsService,
): Promise<void> {
  if (file.settings !== undefined) {
    await settings.update(file.settings, 'patch').catch((error: unknown) => {
      throw new ConfigFileError(`Invalid config file: ${errorMessage(error)}`);
    });
  }
  const guard = createBaseUrlGuard(settings);
  for (const node of file.nodes ?? []) {
    const existing = await repositories.providerNodes.findByName(node.name);
    const format = nodeApiTypes[node.apiType];
    await guard(node.baseUrl, undefined).catch(configError(`nodes '${node.name}'`));
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
      await createConnection(repositories, state, entry, guard).catch(configError(`providers '${entry.name}'`));
    } else {
      const provider = state.snapshot.providersByName.get(providerId);
      const where = `providers '${entry.name}'`;
      if (entry.baseUrl !== undefined) await guard(entry.baseUrl, provider).catch(configError(where));
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
  for (const suite of file.evals ?? []) {
    await upsertEvalSuite(repositories.evalSuites, suite).catch(configError(`evals '${suite.name}'`));
  }

  for (const entry of file.keys ?? []) {
    const scopes = entry.scopes ?? [];
    const existing = await repositories.apiKeys.findByName(entry.name);
    if (existing === undefined) await createApiKey(repositories.apiKeys, { name: entry.name, scopes, key: entry.key });
    else await repositories.apiKeys.replaceHash(existing.id, hashApiKey(entry.key), displayPrefix(entry.key), scopes);
  }
  await state.reload();
  // Names only: the file's keys and provider secrets never reach the audit log.
  const names = <T>(entries: T[] | undefined, name: (entry: T) => string) => (entries ?? []).map(name);
  const details = {
    nodes: names(file.nodes, (node) => node.name),
    providers: names(file.providers, (entry) => `${entry.provider}/${entry.name}`),
    combos: names(file.combos, (combo) => combo.name),
    aliases: names(file.aliases, (alias) => alias.alias),
    keys: names(file.keys, (key) => key.name),
    evals: names(file.evals, (suite) => suite.name),
  };
  await repositories.auditLog.insertMany([
    toAuditRow({ actor: 'config-file', action: 'config.apply', details }, Date.now()),
  ]);
}

/** A refused object stops start-up naming the config entry it came from. */
function configError(where: string) {
  return (error: unknown): never => {
    throw new ConfigFileError(`Config file entry ${where}: ${errorMessage(error)}`);
  };
}
