import { z } from 'zod';

/** Routing policies (`/api/policies`): rules checked before a generation request runs. */

const nonEmpty = z.string().trim().min(1).max(300);

export const policyMatchSchema = z
  .object({
    /** API key ids or names; absent: every caller (anonymous ones included). */
    keys: z.array(nonEmpty).min(1).max(1000).optional(),
    /** Model globs (`*`, `?`; case-insensitive) against the requested name, the resolved `provider/model` and its bare id. */
    models: z.array(nonEmpty).min(1).max(1000).optional(),
    /** Provider ids (or aliases / node prefixes). */
    providers: z.array(nonEmpty).min(1).max(1000).optional(),
  })
  .strict();

export const policyActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('block'), message: z.string().trim().min(1).max(500).optional() }).strict(),
  z.object({ type: z.literal('allow') }).strict(),
  z.object({ type: z.literal('redirect'), target: nonEmpty }).strict(),
]);

export const policyInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    match: policyMatchSchema.default({}),
    action: policyActionSchema,
    /** Lower numbers are evaluated first. */
    priority: z.number().int().min(-1_000_000).max(1_000_000).default(100),
  })
  .strict();

export type PolicyMatch = z.infer<typeof policyMatchSchema>;
export type PolicyAction = z.infer<typeof policyActionSchema>;
export type PolicyInput = z.infer<typeof policyInputSchema>;

export interface Policy extends PolicyInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}
