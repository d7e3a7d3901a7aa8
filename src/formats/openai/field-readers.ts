import { GatewayError } from '../../core/errors.js';

/**
 * Readers for client request fields. Each validates one value and names the field on failure, so a bad request
 * gets a 400 that points at the exact `param`. `null` counts as absent: the OpenAI SDKs and many clients send
 * explicit nulls for unset optional fields.
 */

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function invalidField(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', message, { param });
}

export function readRecord(value: unknown, param: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalidField(param, `${param} must be an object`);
  return value;
}

export function requireRecord(value: unknown, param: string): JsonObject {
  const record = readRecord(value, param);
  if (record === undefined) throw invalidField(param, `${param} is required`);
  return record;
}

export function readArray(value: unknown, param: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(param, `${param} must be an array`);
  return value;
}

export function readString(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(param, `${param} must be a string`);
  return value;
}

export function requireString(value: unknown, param: string): string {
  const text = readString(value, param);
  if (text === undefined || text === '')
    throw invalidField(param, `${param} is required and must be a non-empty string`);
  return text;
}

export function readBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidField(param, `${param} must be a boolean`);
  return value;
}

export function readNumber(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(param, `${param} must be a number`);
  return value;
}

export function readInteger(value: unknown, param: string): number | undefined {
  const number = readNumber(value, param);
  if (number !== undefined && !Number.isInteger(number)) throw invalidField(param, `${param} must be an integer`);
  return number;
}

export function readPositiveInteger(value: unknown, param: string): number | undefined {
  const number = readInteger(value, param);
  if (number !== undefined && number < 1) throw invalidField(param, `${param} must be a positive integer`);
  return number;
}

/** `stop` is a string or an array of strings; an empty list means no stop sequences. */
export function readStopSequences(value: unknown, param: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : [value];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidField(param, `${param} must be a string or an array of strings`);
  }
  const sequences = value.filter((item) => item !== '');
  return sequences.length > 0 ? sequences : undefined;
}

/** Drops keys whose value is undefined, so canonical values compare and serialize cleanly. */
export function omitUndefined<T extends object>(value: T): T {
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) result[key] = item;
  }
  return result as T;
}
