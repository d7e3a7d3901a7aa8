import { z } from 'zod';

/**
 * Audit-log settings (`auditLog` in `/api/settings`): entries older than `retentionDays` are purged daily (0 keeps
 * them forever). Longer than the request log's by default: who changed what is asked about months later.
 */
export const auditLogSettingsSchema = z
  .object({
    retentionDays: z.number().int().min(0).max(36_500),
  })
  .strict();

export type AuditLogSettings = z.infer<typeof auditLogSettingsSchema>;

export const defaultAuditLogSettings: AuditLogSettings = {
  retentionDays: 90,
};
