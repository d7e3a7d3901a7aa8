import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../schema.js';

/** Status filter: one status, or a range (`4xx` → 400–499, `error` → 400 and up, `success` → below 400). */
export type StatusFilter = { status: number } | { min: number; max: number };

/** Which request-log rows a query covers. Times are unix ms, `from` inclusive, `to` exclusive. */
export interface RequestLogFilter {
  from?: number;
  to?: number;
  provider?: string;
  /** The model that served, or the model string the client asked for. */
  model?: string;
  apiKeyId?: string;
  connectionId?: string;
  combo?: string;
  status?: StatusFilter;
}

/** The filter as one SQL condition (an empty filter matches every row). */
export function requestLogCondition(
  eb: ExpressionBuilder<Database, 'request_logs'>,
  filter: RequestLogFilter,
): Expression<SqlBool> {
  const conditions: Array<Expression<SqlBool>> = [];
  if (filter.from !== undefined) conditions.push(eb('created_at', '>=', filter.from));
  if (filter.to !== undefined) conditions.push(eb('created_at', '<', filter.to));
  if (filter.provider !== undefined) conditions.push(eb('provider', '=', filter.provider));
  if (filter.model !== undefined) {
    conditions.push(eb.or([eb('model', '=', filter.model), eb('model_requested', '=', filter.model)]));
  }
  if (filter.apiKeyId !== undefined) conditions.push(eb('api_key_id', '=', filter.apiKeyId));
  if (filter.connectionId !== undefined) conditions.push(eb('connection_id', '=', filter.connectionId));
  if (filter.combo !== undefined) conditions.push(eb('combo', '=', filter.combo));
  const status = filter.status;
  if (status !== undefined) {
    if ('status' in status) conditions.push(eb('status', '=', status.status));
    else conditions.push(eb.and([eb('status', '>=', status.min), eb('status', '<=', status.max)]));
  }
  return eb.and(conditions);
}

/** Parses `200`, `4xx`, `5xx`, `error` or `success`; undefined for anything else. */
export function parseStatusFilter(text: string): StatusFilter | undefined {
  const value = text.trim().toLowerCase();
  if (/^[1-5]\d\d$/.test(value)) return { status: Number(value) };
  const statusClass = /^([1-5])xx$/.exec(value);
  if (statusClass) {
    const min = Number(statusClass[1]) * 100;
    return { min, max: min + 99 };
  }
  if (value === 'error' || value === 'errors') return { min: 400, max: 999 };
  if (value === 'success' || value === 'ok') return { min: 0, max: 399 };
  return undefined;
}
