import { z } from 'zod';

/**
 * Request-log settings (`requestLogs` in `/api/settings`). `detailed` stores each request's request and response
 * bodies (secrets redacted, each cut at `maxBodyBytes`); rows and bodies older than `retentionDays` are purged
 * daily (0 keeps them forever).
 */
export const requestLogSettingsSchema = z
  .object({
    detailed: z.boolean(),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024),
    retentionDays: z.number().int().min(0).max(36_500),
  })
  .strict();

export type RequestLogSettings = z.infer<typeof requestLogSettingsSchema>;

export const defaultRequestLogSettings: RequestLogSettings = {
  detailed: false,
  maxBodyBytes: 65_536,
  retentionDays: 30,
};
