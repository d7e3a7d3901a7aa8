import { request } from 'undici';
import { errorMessage, GatewayError } from '../core/errors.js';

export interface HubConnection {
  hubUrl: string;
  space: string;
  token: string;
  timeoutMs: number;
}

export interface RemoteBundle {
  version: number;
  bundle: unknown;
}

/**
 * Talks to a sync hub's bundle store. Every call is bounded by the timeout (connect, headers and body), so a hub
 * that is down or slow fails the sync with a clear error and nothing else waits on it.
 */
export class HubClient {
  constructor(private readonly connection: HubConnection) {}

  /** The space's bundle, or undefined when the space is still empty. */
  async get(): Promise<RemoteBundle | undefined> {
    const { status, headers, text } = await this.call('GET');
    if (status === 204) return undefined;
    if (status !== 200) throw this.refusal(status, text);
    const version = Number(/^"?(\d+)"?$/.exec(String(headers.etag ?? ''))?.[1]);
    try {
      return { version, bundle: JSON.parse(text) };
    } catch {
      throw new GatewayError('upstream_error', 'The sync hub answered a bundle that is not JSON.');
    }
  }

  /** Stores a bundle over `version` (undefined: the space was empty); undefined back when someone pushed first. */
  async put(bundle: unknown, version: number | undefined): Promise<number | undefined> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    const { status, text } = await this.call('PUT', JSON.stringify(bundle), headers);
    if (status === 412 || status === 409) return undefined;
    if (status !== 200) throw this.refusal(status, text);
    return (JSON.parse(text) as { version: number }).version;
  }

  private async call(method: 'GET' | 'PUT', body?: string, extra: Record<string, string> = {}) {
    const { hubUrl, space, token, timeoutMs } = this.connection;
    const url = `${hubUrl.replace(/\/+$/, '')}/api/cloud/bundles/${encodeURIComponent(space)}`;
    try {
      const response = await request(url, {
        method,
        body,
        headers: { authorization: `Bearer ${token}`, ...extra },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
    } catch (error) {
      const timedOut = error instanceof Error && /timeout|aborted/i.test(`${error.name} ${error.message}`);
      if (timedOut) {
        throw new GatewayError('upstream_timeout', `The sync hub at ${hubUrl} did not answer within ${timeoutMs} ms.`);
      }
      const reason = errorMessage(error);
      throw new GatewayError('upstream_unreachable', `The sync hub at ${hubUrl} cannot be reached: ${reason}`);
    }
  }

  private refusal(status: number, text: string): GatewayError {
    let message = text.slice(0, 200);
    try {
      const parsed = JSON.parse(text) as { error?: { message?: string } };
      message = parsed.error?.message ?? message;
    } catch {
      // Not JSON: keep the text.
    }
    if (status === 401 || status === 403) {
      return new GatewayError('invalid_request', `The sync hub refused the token: ${message}`, {
        status: 422,
        param: 'token',
      });
    }
    if (status === 404) {
      return new GatewayError('invalid_request', `The sync hub is not serving sync: ${message}`, {
        status: 422,
        param: 'hubUrl',
      });
    }
    return new GatewayError('upstream_error', `The sync hub answered ${status}: ${message}`);
  }
}
