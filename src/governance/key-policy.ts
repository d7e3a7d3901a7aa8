import { z } from 'zod';
import { parseIpRange } from '../ip-filter/ip-matcher.js';

const patterns = z.array(z.string().trim().min(1).max(200)).max(200);
const limit = z.number().int().positive().max(10_000_000);

/** What a key may do, as stored on its row and accepted by `/api/keys`. Absent fields: no restriction. */
export const keyPolicySchema = z
  .object({
    allowedModels: patterns.optional(),
    blockedModels: patterns.optional(),
    allowedCombos: patterns.optional(),
    ipAllowlist: z
      .array(
        z
          .string()
          .trim()
          .refine((entry) => parseIpRange(entry) !== undefined, 'must be an IP address or CIDR range'),
      )
      .max(500)
      .optional(),
    limits: z
      .object({
        // rpm is counted exactly (one timestamp per allowed request), so it is kept to a size that stays small.
        rpm: limit.max(100_000).optional(),
        rpd: limit.optional(),
        tpm: limit.optional(),
        maxConcurrent: limit.max(100_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type KeyPolicy = z.infer<typeof keyPolicySchema>;

/** Reads a stored policy; a row written by a newer version with unknown fields still loads what it can. */
export function parseStoredPolicy(text: string | null): KeyPolicy {
  if (text === null) return {};
  const parsed = keyPolicySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : {};
}
