import type { ErrorCode, ErrorKind, GatewayError } from '../../core/errors.js';

export type FailureScope = 'account' | 'model' | 'request';
export type FailureReason =
  | 'rate_limited'
  | 'quota_exhausted'
  | 'unauthorized'
  | 'forbidden'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'model_unavailable'
  | 'context_too_long'
  | 'bad_request'
  | 'client_aborted'
  | 'other';

export interface FailureClass {
  reason: FailureReason;
  scope: FailureScope;
  /** Try another account / target? */
  fallback: boolean;
  /** Counts toward the provider circuit breaker. */
  breaker: boolean;
  /** Park this account (connection cooldown). */
  cooldown: boolean;
  /** Counts toward the (connection, model) lockout. */
  lockout: boolean;
  /** From Retry-After. */
  retryAfterMs?: number;
}

type Policy = Omit<FailureClass, 'reason' | 'retryAfterMs'>;

const accountPenalty: Policy = { scope: 'account', fallback: true, breaker: false, cooldown: true, lockout: false };
const providerPenalty: Policy = { scope: 'account', fallback: true, breaker: true, cooldown: true, lockout: false };
const stop: Policy = { scope: 'request', fallback: false, breaker: false, cooldown: false, lockout: false };
/** Move on without blaming anyone: the failure says nothing about the account's health. */
const skip: Policy = { scope: 'account', fallback: true, breaker: false, cooldown: false, lockout: false };

/**
 * What an upstream failure of each reason does. Only server-side trouble (5xx, 408, timeouts, network) counts toward
 * the provider breaker: 401/403/429 are one account's problem and must never take the whole provider out (spec §3).
 */
const upstreamPolicies: Record<FailureReason, Policy> = {
  rate_limited: accountPenalty,
  quota_exhausted: accountPenalty,
  unauthorized: accountPenalty,
  forbidden: accountPenalty,
  // The short cooldown comes from the tracker's backoff starting at baseMs, unless the upstream sent Retry-After.
  server_error: providerPenalty,
  timeout: providerPenalty,
  network: providerPenalty,
  // The model is missing on this account: skip the pair for a while, the account itself is fine.
  model_unavailable: { scope: 'model', fallback: true, breaker: false, cooldown: false, lockout: true },
  // A bigger model further down the combo may take it; this model is not broken, so no lockout.
  context_too_long: { scope: 'model', fallback: true, breaker: false, cooldown: false, lockout: false },
  // The client's own request is wrong: every target would refuse it too, and looping hides the error (#4316).
  bad_request: stop,
  client_aborted: stop,
  // An upstream status we have no rule for: another account or target may well answer, but we blame no one.
  other: skip,
};

export const failureReasons = Object.keys(upstreamPolicies) as FailureReason[];

/** Case-insensitive text markers, matched against the upstream's own error text. */
const textMarkers = {
  quota: /insufficient_quota|exceeded your current quota|quota|billing|credit|usage limit/i,
  contextLength:
    /context[ _]length|context window|maximum context|too many tokens|prompt is too long|input is too long/i,
  modelMissing: new RegExp(
    [
      String.raw`\bmodels?\b[^.;\n]{0,80}?\b(?:does not exist|not found|not supported|is not available|unsupported)`,
      String.raw`\b(?:unknown|invalid|unsupported) model\b`,
      String.raw`\bnot a valid model\b`,
      String.raw`\bno access to (?:the )?model\b`,
      String.raw`\b(?:do|does) not have access to (?:the )?model\b`,
      'model_not_found',
    ].join('|'),
    'i',
  ),
} as const;

interface StatusRule {
  /** Statuses this rule applies to; `undefined` means any. */
  statuses?: readonly number[];
  /** When set, the upstream text must match it too. */
  text?: RegExp;
  reason: FailureReason;
}

/**
 * First match wins. Text rules come before the plain status rules of the same status, as in the original's
 * `checkFallbackError`. Deliberate additions to the brief: a 400/403 that talks about quota, billing or credit
 * (Anthropic answers "credit balance is too low" with a 400) is the account's problem, not the client's; the
 * context and model-missing texts are recognised on 400, 413 and 422 alike; 410 (model retired) is model_unavailable.
 */
const statusRules: readonly StatusRule[] = [
  { statuses: [429], text: textMarkers.quota, reason: 'quota_exhausted' },
  { statuses: [429], reason: 'rate_limited' },
  { statuses: [402], reason: 'quota_exhausted' },
  { statuses: [401], reason: 'unauthorized' },
  { statuses: [403], text: textMarkers.quota, reason: 'quota_exhausted' },
  { statuses: [403], reason: 'forbidden' },
  { statuses: [404, 410], reason: 'model_unavailable' },
  { statuses: [408], reason: 'server_error' },
  { statuses: [400, 413, 422], text: textMarkers.contextLength, reason: 'context_too_long' },
  { statuses: [400, 413, 422], text: textMarkers.modelMissing, reason: 'model_unavailable' },
  { statuses: [400], text: textMarkers.quota, reason: 'quota_exhausted' },
  { statuses: [400, 413, 422], reason: 'bad_request' },
];

/** Codes the gateway raises itself that still mean "try the next account or target" (no penalty). */
const gatewaySkipReasons: Partial<Record<ErrorCode, FailureReason>> = {
  no_active_connection: 'other',
  queue_full: 'rate_limited',
  queue_timeout: 'timeout',
  circuit_open: 'server_error',
};

/** Gateway-raised statuses that mean the client's request is at fault; any other own error is 'other'. */
const gatewayBadRequestStatuses = new Set([400, 404, 409, 413, 415, 422]);

const networkCodes: Partial<Record<ErrorCode, FailureReason>> = {
  upstream_timeout: 'timeout',
  upstream_unreachable: 'network',
  upstream_stream_cut: 'network',
};

/**
 * Stream error events carry a kind but no status, so their GatewayError keeps the code's default 502. Recover a
 * status from the kind so that e.g. a mid-stream `rate_limit_error` is still a rate limit, not a server error.
 */
const statusForKind: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  unsupported_media_type: 415,
  rate_limit: 429,
  upstream: 502,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

const abortedStatus = 499;

/** Decides what one failed attempt means for fallback, the breaker, the account cooldown and the model lockout. */
export function classifyFailure(error: GatewayError): FailureClass {
  const retryAfterMs = retryAfterMsOf(error);
  const build = (reason: FailureReason, policy: Policy): FailureClass =>
    retryAfterMs === undefined ? { reason, ...policy } : { reason, ...policy, retryAfterMs };

  if (error.status === abortedStatus) return build('client_aborted', stop);

  const networkReason = networkCodes[error.code];
  if (networkReason !== undefined) return build(networkReason, upstreamPolicies[networkReason]);

  if (error.code !== 'upstream_error') {
    const skipReason = gatewaySkipReasons[error.code];
    if (skipReason !== undefined) return build(skipReason, skip);
    return build(gatewayBadRequestStatuses.has(error.status) ? 'bad_request' : 'other', stop);
  }

  const reason = upstreamReason(effectiveStatus(error), upstreamText(error.message));
  return build(reason, upstreamPolicies[reason]);
}

function upstreamReason(status: number, text: string): FailureReason {
  for (const rule of statusRules) {
    if (rule.statuses !== undefined && !rule.statuses.includes(status)) continue;
    if (rule.text !== undefined && !rule.text.test(text)) continue;
    return rule.reason;
  }
  if (status >= 500) return 'server_error';
  return 'other';
}

function effectiveStatus(error: GatewayError): number {
  if (error.status === 502 && error.kind !== 'upstream') return statusForKind[error.kind];
  return error.status;
}

/**
 * Upstream HTTP errors read "<Provider> (<id>) returned HTTP <status>: <upstream text>". Match the markers against
 * the upstream's text only, so a provider whose name contains "Model" or "Credit" cannot trigger a rule.
 */
function upstreamText(message: string): string {
  const match = /returned HTTP \d{3}: /.exec(message);
  return match === null ? message : message.slice(match.index + match[0].length);
}

function retryAfterMsOf(error: GatewayError): number | undefined {
  const seconds = error.retryAfterSeconds;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.round(seconds * 1000);
}
