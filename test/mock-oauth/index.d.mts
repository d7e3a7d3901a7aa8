export interface MockTokenAnswer {
  access_token: string;
  refresh_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
  account: { uuid: string; email_address: string };
  resource_url?: string;
}

export interface MockOAuth {
  url: string;
  stats: {
    tokenCalls: number;
    refreshCalls: number;
    refreshReuse: number;
    copilotCalls: number;
    upstreamCalls: number;
    unauthorized: number;
  };
  requests: Array<{ method: string; path: string; headers: Record<string, string>; body: any }>;
  issueTokens(email?: string, ttlSec?: number): MockTokenAnswer;
  approveDevice(userCode?: string): void;
  revokeAccessTokens(): void;
  failRefreshes(fail?: boolean): void;
  exhaustQuota(seconds: number): void;
  /** `<PREFIX>_OAUTH_{AUTHORIZE,TOKEN,DEVICE_CODE}_URL` pointing here. */
  env(prefix: string): Record<string, string>;
  close(): Promise<void>;
}

export function startMockOAuth(options?: {
  port?: number;
  accessTokenTtlSec?: number;
  copilotTokenTtlSec?: number;
  /** `endpoints.api` of Copilot token answers. */
  copilotApiUrl?: string;
  /** `resource_url` of token answers (Qwen). */
  resourceUrl?: string;
}): Promise<MockOAuth>;
