import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import {
  bundleRefused,
  keyCheckOf,
  macOf,
  openSecret,
  type SyncKdf,
  type SyncKeys,
  sameMac,
  sealSecret,
  wrongPassphrase,
} from './sync-crypto.js';
import { contentHash, type SyncEntry } from './sync-entry.js';
import { validateContent } from './validate-content.js';

export const bundleFormat = 'omniroute-sync';
export const bundleVersion = 1;

const kdfSchema = z.object({
  algorithm: z.literal('scrypt'),
  salt: z.string().min(16),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});

const objectSchema = z.object({
  kind: z.string().min(1),
  id: z.string().min(1),
  updatedAt: z.number().int().nonnegative(),
  origin: z.string().min(1),
  deleted: z.boolean(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** The object's secrets, AES-256-GCM sealed with the passphrase-derived key (see sync-crypto.ts). */
  secrets: z.string().optional(),
});

/** Unknown top-level fields are allowed (a newer writer) and still covered by the MAC. */
const bundleSchema = z.object({
  format: z.literal(bundleFormat),
  version: z.literal(bundleVersion),
  createdAt: z.number().int(),
  origin: z.string(),
  kdf: kdfSchema,
  keyCheck: z.string(),
  objects: z.array(objectSchema),
  mac: z.string(),
});

export type SyncBundle = z.infer<typeof bundleSchema>;

/** The bundle's KDF parameters, read before the passphrase is tried (to derive the keys). */
export function readBundleKdf(raw: unknown): SyncKdf {
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw bundleRefused('it is not an OmniRoute sync bundle of a known version');
  return parsed.data.kdf;
}

/** Seals a set of entries: secrets encrypted per object, then the whole document authenticated. */
export function sealBundle({
  entries,
  keys,
  kdf,
  origin,
  now,
}: {
  entries: Iterable<SyncEntry>;
  keys: SyncKeys;
  kdf: SyncKdf;
  origin: string;
  now: number;
}): SyncBundle {
  const objects = [...entries]
    .sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind < b.kind ? -1 : 1))
    .map((entry) => {
      const { kind, id, updatedAt, origin: writer, deleted, content } = entry;
      const object: z.infer<typeof objectSchema> = { kind, id, updatedAt, origin: writer, deleted };
      if (content === undefined) return object;
      object.data = content.data;
      if (Object.keys(content.secrets).length > 0) {
        object.secrets = sealSecret(keys, canonicalJson(content.secrets), `${kind}\n${id}`);
      }
      return object;
    });
  const unsigned = {
    format: bundleFormat,
    version: bundleVersion,
    createdAt: now,
    origin,
    kdf,
    keyCheck: keyCheckOf(keys),
    objects,
  } as const;
  return { ...unsigned, mac: macOf(keys, canonicalJson(unsigned)) };
}

/**
 * Verifies and opens a bundle: wrong passphrase, any modified byte, or an object this version cannot write safely
 * refuses the whole bundle before anything is applied.
 */
export function openBundle(raw: unknown, keys: SyncKeys): SyncEntry[] {
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw bundleRefused('it is not an OmniRoute sync bundle of a known version');
  if (!sameMac(parsed.data.keyCheck, keyCheckOf(keys))) throw wrongPassphrase();
  const { mac: _mac, ...unsigned } = raw as Record<string, unknown>;
  if (!sameMac(parsed.data.mac, macOf(keys, canonicalJson(unsigned)))) {
    throw bundleRefused('its integrity check failed (it was modified after it was written)');
  }
  return parsed.data.objects.map((object) => {
    const base = { kind: object.kind, id: object.id, updatedAt: object.updatedAt, origin: object.origin };
    if (object.deleted) return { ...base, deleted: true, hash: contentHash(undefined) };
    const secrets =
      object.secrets === undefined
        ? {}
        : parseSecrets(openSecret(keys, object.secrets, `${object.kind}\n${object.id}`));
    const content = { data: object.data ?? {}, secrets };
    validateContent(object.kind, object.id, content);
    return { ...base, deleted: false, content, hash: contentHash(content) };
  });
}

function parseSecrets(text: string): Record<string, string | null> {
  const parsed = z.record(z.string(), z.string().nullable()).safeParse(JSON.parse(text));
  if (!parsed.success) throw bundleRefused('an object carries secrets of an unknown shape');
  return parsed.data;
}
