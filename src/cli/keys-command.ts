import { parseArgs } from 'node:util';
import { type AuditEntry, toAuditRow } from '../audit/audit-log.js';
import { createApiKey } from '../auth/create-api-key.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../storage/database.js';
import type { KeyScope } from '../storage/repositories/api-keys-repository.js';
import { createRepositories, type Repositories } from '../storage/repositories.js';
import { createSecretBox, loadEncryptionKey } from '../storage/secret-box.js';

/**
 * `omniroute keys …` works on the database directly, so it also works while the server runs: the server notices
 * the change (PRAGMA data_version) within a second.
 */
export async function runKeysCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [action, target] = positionals;
  const config = loadConfig(process.env, { dataDir: values['data-dir'] });
  const storage = await openDatabase(config);
  try {
    const repositories = createRepositories(
      storage,
      createSecretBox(loadEncryptionKey(config.dataDir, config.storageEncryptionKey)),
    );
    switch (action) {
      case 'create':
        return await create(repositories, values.name, values.scope ?? []);
      case 'list':
        return await list(repositories);
      case 'revoke':
        return await revoke(repositories, target);
      default:
        console.error('Usage: omniroute keys create --name NAME [--scope manage] | keys list | keys revoke <id|name>');
        return 2;
    }
  } finally {
    await storage.close();
  }
}

async function create(repositories: Repositories, name: string | undefined, scopes: string[]): Promise<number> {
  if (name === undefined || name.trim() === '') {
    console.error('keys create needs --name NAME');
    return 2;
  }
  const unknown = scopes.filter((scope) => scope !== 'manage');
  if (unknown.length > 0) {
    console.error(`Unknown scope(s): ${unknown.join(', ')}. The only scope is 'manage'.`);
    return 2;
  }
  const { record, key } = await createApiKey(repositories.apiKeys, { name: name.trim(), scopes: scopes as KeyScope[] });
  await audit(repositories, { action: 'key.create', target: record.id, details: { name: record.name, scopes } });
  console.log(
    `Created key '${record.name}' (id ${record.id}${scopes.length ? `, scopes: ${scopes.join(', ')}` : ''}).`,
  );
  console.log('The key is shown only now; store it safely:');
  console.log(key);
  return 0;
}

async function list(repositories: Repositories): Promise<number> {
  const keys = await repositories.apiKeys.list();
  if (keys.length === 0) console.log('No keys yet. Create one: omniroute keys create --name NAME');
  for (const key of keys) {
    const status = key.revokedAt === null ? 'active' : `revoked ${new Date(key.revokedAt).toISOString()}`;
    console.log(`${key.id}  ${key.name}  ${key.keyPrefix}  [${key.scopes.join(',') || 'client'}]  ${status}`);
  }
  return 0;
}

async function revoke(repositories: Repositories, target: string | undefined): Promise<number> {
  if (target === undefined) {
    console.error('keys revoke needs a key id or name');
    return 2;
  }
  const keys = await repositories.apiKeys.list();
  const match =
    keys.find((key) => key.id === target) ?? keys.find((key) => key.name === target && key.revokedAt === null);
  if (match === undefined || !(await repositories.apiKeys.revoke(match.id))) {
    console.error(`No active key with id or name '${target}'.`);
    return 1;
  }
  await audit(repositories, { action: 'key.revoke', target: match.id, details: { name: match.name } });
  console.log(`Revoked key '${match.name}' (${match.id}).`);
  return 0;
}

/** Key changes made here are audited like those made through the API, with 'cli' as the actor. */
async function audit(repositories: Repositories, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
  await repositories.auditLog.insertMany([toAuditRow({ actor: 'cli', ...entry }, Date.now())]);
}
