import { bundleRefused } from './sync-crypto.js';
import type { SyncContent } from './sync-entry.js';
import { localSettingSections, settingKind, syncTableFor } from './sync-kinds.js';

/**
 * Checks an object from a bundle against what this version writes: every column present with its type, JSON columns
 * parseable, nothing extra. Kinds and settings sections this version does not know (a newer writer's) pass: they are
 * kept and pushed on, never applied.
 */
export function validateContent(kind: string, id: string, content: SyncContent): void {
  const where = `${kind} '${id}'`;
  if (kind === settingKind) {
    // A section this version does not know (a newer writer's) is kept like an unknown kind; a local one never travels.
    if (localSettingSections.has(id) || !('value' in content.data)) {
      throw bundleRefused(`${where} is not a synced settings section`);
    }
    return;
  }
  const table = syncTableFor(kind);
  if (table === undefined) return;
  const plain = table.columns.filter((column) => !column.secret);
  const secret = table.columns.filter((column) => column.secret);
  const extra = Object.keys(content.data).find((name) => !plain.some((column) => column.name === name));
  if (extra !== undefined)
    throw bundleRefused(`${where} has an unknown field '${extra}' (written by a newer OmniRoute version?)`);
  for (const column of plain) {
    const value = content.data[column.name];
    if (value === null || value === undefined) {
      if (column.nullable) continue;
      throw bundleRefused(`${where} lacks '${column.name}'`);
    }
    const typed =
      column.type === 'integer' ? Number.isSafeInteger(value) : typeof value === 'string' && parsesAs(column, value);
    if (!typed) throw bundleRefused(`${where} has an invalid '${column.name}'`);
  }
  const unknownSecret = Object.keys(content.secrets).find((name) => !secret.some((column) => column.name === name));
  if (unknownSecret !== undefined) throw bundleRefused(`${where} has an unknown secret '${unknownSecret}'`);
}

function parsesAs(column: { type: string }, value: string): boolean {
  if (column.type !== 'json') return true;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
