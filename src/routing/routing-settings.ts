import { z } from 'zod';

export const accountStrategies = ['fill-first', 'round-robin', 'least-used', 'random'] as const;
export type AccountStrategy = (typeof accountStrategies)[number];

/** How one provider's accounts share the load, and how long a conversation stays on one account. */
export const routingSettingsSchema = z
  .object({
    accountStrategy: z.enum(accountStrategies),
    /** Round-robin: requests served by one account before moving to the next. */
    stickyLimit: z.number().int().min(1).max(10_000),
    /** How long an `X-Session-Id` stays pinned to the account it first used (since its last request). */
    sessionTtlMs: z
      .number()
      .int()
      .min(1000)
      .max(7 * 24 * 3600 * 1000),
  })
  .strict();

export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

export const defaultRoutingSettings: RoutingSettings = {
  accountStrategy: 'fill-first',
  stickyLimit: 1,
  sessionTtlMs: 30 * 60 * 1000,
};
