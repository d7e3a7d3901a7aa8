import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** An object's content: plain columns, and its secrets in the clear (in memory only; sealed at rest and in bundles). */
export interface SyncContent {
  data: Record<string, unknown>;
  secrets: Record<string, string | null>;
}

/** One synced object (or its tombstone) with its last-writer-wins stamp. */
export interface SyncEntry {
  kind: string;
  id: string;
  /** When the current version was written (unix ms). */
  updatedAt: number;
  /** The instance that wrote it: breaks ties between equal times the same way on every instance. */
  origin: string;
  deleted: boolean;
  /** Absent on tombstones. */
  content?: SyncContent;
  /** Content hash (see contentHash); compared, never sent. */
  hash: string;
}

export const tombstoneHash = 'tombstone';

export function entryKey(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

export function contentHash(content: SyncContent | undefined): string {
  if (content === undefined) return tombstoneHash;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('base64url');
}

/** Total order of versions: later time wins, then the greater instance id, then the greater hash. */
export function compareVersions(a: SyncEntry, b: SyncEntry): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return 0;
}
