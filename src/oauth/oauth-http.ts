import { errorMessage, GatewayError } from '../core/errors.js';
import type { UpstreamClient, UpstreamResponse } from '../upstream/upstream-client.js';

/** An OAuth server's refusal: `error` is the RFC 6749 code (`invalid_grant`, `authorization_pending`, ...). */
export class OAuthServerError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthServerError';
  }
}

const timeoutMs = 30_000;

/** POSTs to a token or device endpoint and returns the JSON answer; an error answer throws OAuthServerError. */
export async function postOAuth(
  client: UpstreamClient,
  input: {
    url: string;
    params: Record<string, string | undefined>;
    encoding: 'json' | 'form';
    headers?: Record<string, string>;
  },
): Promise<Record<string, unknown>> {
  const params = Object.fromEntries(
    Object.entries(input.params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const body = input.encoding === 'json' ? JSON.stringify(params) : new URLSearchParams(params).toString();
  const contentType = input.encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  const response = await client.send({
    url: input.url,
    headers: { 'content-type': contentType, accept: 'application/json', ...input.headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return readOAuthAnswer(response, input.url);
}

/** GETs a JSON document with a credential (Copilot's token exchange, Code Assist discovery). */
export async function getOAuthJson(
  client: UpstreamClient,
  url: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await client.get(url, { accept: 'application/json', ...headers }, AbortSignal.timeout(timeoutMs));
  return readOAuthAnswer(response, url);
}

async function readOAuthAnswer(response: UpstreamResponse, url: string): Promise<Record<string, unknown>> {
  const text = await response.body.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    // GitHub answers form-encoded unless asked for JSON; accept both.
    answer = Object.fromEntries(new URLSearchParams(text));
  }
  const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  // GitHub's device flow answers 200 with an `error` field while authorization is pending.
  if (response.status >= 400 || typeof record.error === 'string') {
    const code = typeof record.error === 'string' ? record.error : `http_${response.status}`;
    const description =
      typeof record.error_description === 'string'
        ? record.error_description
        : typeof record.message === 'string'
          ? record.message
          : `HTTP ${response.status}`;
    throw new OAuthServerError(response.status, code, `${new URL(url).host} refused: ${code} (${description})`);
  }
  return record;
}

/** An OAuth failure as the management API reports it. */
export function oauthFailure(error: unknown, action: string): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof OAuthServerError) {
    return new GatewayError('upstream_error', `${action} failed: ${error.message}`, { status: 502, cause: error });
  }
  const message = errorMessage(error);
  return new GatewayError('upstream_error', `${action} failed: ${message}`, { cause: error });
}
