import { isSecretField } from '../observability/redact-secrets.js';

export interface ValueChange {
  before: unknown;
  after: unknown;
}

/** Bookkeeping fields that change on every write and say nothing about what the user changed. */
const ignoredFields = new Set(['updatedAt', 'updated_at']);

/**
 * What changed between two views of the same object, as `{ 'dotted.path': { before, after } }`. Objects are
 * compared field by field; arrays and scalars as whole values. A secret field is compared but never descended
 * into, so its path always ends in its own name and redaction recognises it.
 */
export function diffValues(before: unknown, after: unknown): Record<string, ValueChange> {
  const changes: Record<string, ValueChange> = {};
  const visit = (left: unknown, right: unknown, path: string): void => {
    if (isPlainObject(left) && isPlainObject(right) && !(path !== '' && isSecretField(path))) {
      for (const field of new Set([...Object.keys(left), ...Object.keys(right)])) {
        if (ignoredFields.has(field)) continue;
        visit(left[field], right[field], path === '' ? field : `${path}.${field}`);
      }
      return;
    }
    if (JSON.stringify(left) !== JSON.stringify(right))
      changes[path === '' ? 'value' : path] = { before: left, after: right };
  };
  visit(before, after, '');
  return changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
