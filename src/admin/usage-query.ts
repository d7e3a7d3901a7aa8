import { z } from 'zod';
import { parseStatusFilter, type RequestLogFilter } from '../storage/repositories/request-log-filter.js';
import type { RequestLogRow } from '../storage/repositories/request-logs-repository.js';
import { fromNanoUsd } from '../usage/compute-cost.js';

/** A time in a query string: unix milliseconds, or an ISO 8601 date (`2025-01-31` or `2025-01-31T12:00:00Z`). */
export const timeParam = z.string().transform((text, context) => {
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) {
    context.addIssue({ code: 'custom', message: 'must be unix milliseconds or an ISO 8601 date' });
    return z.NEVER;
  }
  return value;
});

const statusParam = z.string().transform((text, context) => {
  const status = parseStatusFilter(text);
  if (status === undefined) {
    context.addIssue({ code: 'custom', message: 'must be a status (429), a class (4xx, 5xx), error or success' });
    return z.NEVER;
  }
  return status;
});

/** Filters shared by the log and history routes. */
export const logFilterFields = {
  from: timeParam.optional(),
  to: timeParam.optional(),
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  /** API key id. */
  key: z.string().min(1).optional(),
  connection: z.string().min(1).optional(),
  combo: z.string().min(1).optional(),
  status: statusParam.optional(),
};

export function toLogFilter(query: {
  from?: number;
  to?: number;
  provider?: string;
  model?: string;
  key?: string;
  connection?: string;
  combo?: string;
  status?: RequestLogFilter['status'];
}): RequestLogFilter {
  const { key, connection, ...rest } = query;
  return { ...rest, apiKeyId: key, connectionId: connection };
}

/**
 * A request-log row for the API: cost (and a reused answer's cost saved) in USD, `priced` as a boolean (null on
 * rows logged before costs).
 */
export function requestLogView(row: RequestLogRow) {
  const { cost_nano_usd, priced, cost_saved_nano_usd, ...rest } = row;
  return {
    ...rest,
    cost_usd: cost_nano_usd == null ? null : fromNanoUsd(Number(cost_nano_usd)),
    cost_saved_usd: cost_saved_nano_usd == null ? null : fromNanoUsd(Number(cost_saved_nano_usd)),
    priced: priced == null ? null : priced === 1,
  };
}
