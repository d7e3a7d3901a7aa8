import { ApiError } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Do not send the user to the login page on 401 (the login form itself). */
  allowUnauthenticated?: boolean;
  /** Failure statuses whose body is still the answer (health's 503 carries the report of what is down). */
  acceptStatuses?: number[];
}

/** Called on a 401 "not logged in" from any call; the app installs a redirect to the login page. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * The one way the dashboard talks to the management API: same-origin fetch with the session cookie, JSON in and
 * out, every failure turned into an ApiError carrying the server's message (and the field it named).
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const response = await fetch(buildUrl(path, options.query), {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: options.signal,
  });
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) throw await toApiError(response, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Turns a failed response into an ApiError; a lost session sends the user to log in. */
export async function toApiError(
  response: Response,
  options: Pick<RequestOptions, 'allowUnauthenticated'> = {},
): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let code: string | undefined;
  let param: string | undefined;
  try {
    const payload: unknown = await response.json();
    const error = typeof payload === 'object' && payload !== null && 'error' in payload ? payload.error : undefined;
    if (typeof error === 'object' && error !== null) {
      if ('message' in error && typeof error.message === 'string') message = error.message;
      if ('code' in error && typeof error.code === 'string') code = error.code;
      if ('param' in error && typeof error.param === 'string') param = error.param;
    }
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status === 401 && code === 'not_logged_in' && !options.allowUnauthenticated) onUnauthenticated();
  return new ApiError({
    status: response.status,
    message,
    code,
    param,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  });
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body ?? {}, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};
