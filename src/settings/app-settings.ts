import { z } from 'zod';

/**
 * The user-editable settings behind `GET/PUT/PATCH /api/settings`. Each section is one object; new features add
 * a section here (with its defaults) and read it from SettingsService. Unknown keys are rejected by name.
 */
export const appSettingsSchema = z
  .object({
    /** With login not required, management is allowed from loopback only. */
    requireLogin: z.boolean(),
    /** Let provider base URLs point at private, link-local or metadata addresses (SSRF guard off). */
    allowPrivateBaseUrls: z.boolean(),
  })
  .strict();

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = {
  requireLogin: true,
  allowPrivateBaseUrls: false,
};
