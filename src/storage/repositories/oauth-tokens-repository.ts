import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../schema.js';
import type { SecretBox } from '../secret-box.js';

const tokenSetSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  idToken: z.string().min(1).optional(),
  /** Access-token expiry, unix ms; absent: unknown (never refreshed proactively). */
  expiresAt: z.number().optional(),
  /** Codex: the ChatGPT account id sent as `chatgpt-account-id`. */
  accountId: z.string().optional(),
  /** Gemini CLI: the Code Assist project. */
  projectId: z.string().optional(),
  /** Where the token says the API lives (Qwen `resource_url`, Copilot `endpoints.api`). */
  apiBaseUrl: z.string().optional(),
  /** Copilot's first level: the GitHub token that buys the short-lived Copilot token (`accessToken`). */
  github: z
    .object({ token: z.string().min(1), refreshToken: z.string().optional(), expiresAt: z.number().optional() })
    .optional(),
});

/** Everything an OAuth account holds. Sealed at rest as one JSON document; never log it. */
export type OAuthTokenSet = z.infer<typeof tokenSetSchema>;

/**
 * The OAuth side of `connections`: tokens (sealed), expiry, account state and quota windows. The access token is
 * also kept in `secret`, so anything that reads a connection's credential sees the current one.
 */
export class OAuthTokensRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secrets: SecretBox,
  ) {}

  async read(connectionId: string): Promise<OAuthTokenSet | undefined> {
    const row = await this.db
      .selectFrom('connections')
      .select('oauth_tokens')
      .where('id', '=', connectionId)
      .executeTakeFirst();
    if (row?.oauth_tokens == null) return undefined;
    const parsed = tokenSetSchema.safeParse(JSON.parse(this.secrets.open(row.oauth_tokens)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Stores new tokens and makes the account usable again (a reconnect clears `expired`). */
  async write(connectionId: string, tokens: OAuthTokenSet, account?: string | null): Promise<void> {
    const valid = tokenSetSchema.parse(tokens);
    await this.db
      .updateTable('connections')
      .set({
        auth_type: 'oauth',
        secret: this.secrets.seal(valid.accessToken),
        oauth_tokens: this.secrets.seal(JSON.stringify(valid)),
        token_expires_at: valid.expiresAt ?? null,
        oauth_status: 'active',
        oauth_reason: null,
        ...(account == null ? {} : { account }),
      })
      .where('id', '=', connectionId)
      .execute();
  }

  async markExpired(connectionId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('connections')
      .set({ oauth_status: 'expired', oauth_reason: reason.slice(0, 500) })
      .where('id', '=', connectionId)
      .execute();
  }

  async saveQuota(connectionId: string, quota: unknown): Promise<void> {
    await this.db
      .updateTable('connections')
      .set({ quota: JSON.stringify(quota) })
      .where('id', '=', connectionId)
      .execute();
  }
}
