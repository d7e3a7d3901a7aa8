import { describe, expect, it } from 'vitest';
import { cleanJsonSchemaForGemini } from './clean-json-schema-for-gemini.js';

describe('cleanJsonSchemaForGemini', () => {
  it('drops keywords Gemini rejects and keeps the ones it accepts', () => {
    const { value, warnings } = cleanJsonSchemaForGemini({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        query: { type: 'string', minLength: 1, maxLength: 200, pattern: '^\\w+', default: 'x', format: 'uri' },
        when: { type: 'string', format: 'date-time', examples: ['2025-01-01T00:00:00Z'] },
        limit: { type: 'integer', exclusiveMinimum: 0, maximum: 100, format: 'int32' },
      },
      required: ['query', 'missing'],
    });
    expect(value).toEqual({
      type: 'object',
      properties: {
        query: { type: 'string', pattern: '^\\w+', minLength: 1, maxLength: 200 },
        when: { type: 'string', format: 'date-time' },
        limit: { type: 'integer', minimum: 0, maximum: 100, format: 'int32' },
      },
      required: ['query'],
    });
    expect(warnings).toEqual([]);
  });

  it('turns type arrays and null variants into nullable', () => {
    const { value } = cleanJsonSchemaForGemini({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'], description: 'maybe text' },
        b: { anyOf: [{ type: 'number' }, { type: 'null' }], description: 'maybe number' },
        c: { type: ['string', 'integer'] },
        d: { oneOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'boolean' } } }] },
      },
    });
    expect(value).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', description: 'maybe text', nullable: true },
        b: { type: 'number', description: 'maybe number', nullable: true },
        c: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        d: { anyOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'boolean' } } }] },
      },
    });
  });

  it('turns const into a one-value enum and keeps non-string enums readable', () => {
    const { value } = cleanJsonSchemaForGemini({
      type: 'object',
      properties: {
        kind: { const: 'circle' },
        level: { type: 'integer', enum: [1, 2, 3], description: 'Level.' },
        mode: { enum: ['a', 'b', null] },
      },
    });
    expect(value).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['circle'] },
        level: { type: 'integer', description: 'Level. Allowed values: 1, 2, 3.' },
        mode: { type: 'string', enum: ['a', 'b'], nullable: true },
      },
    });
  });

  it('inlines $defs references and cuts recursion with a warning', () => {
    const { value, warnings } = cleanJsonSchemaForGemini({
      type: 'object',
      $defs: {
        Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        Node: {
          type: 'object',
          properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
        },
      },
      properties: {
        home: { $ref: '#/$defs/Address', description: 'Home address' },
        tree: { $ref: '#/$defs/Node' },
        legacy: { $ref: '#/definitions/Gone' },
      },
    });
    expect(value).toEqual({
      type: 'object',
      properties: {
        home: {
          type: 'object',
          description: 'Home address',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
        tree: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { type: 'object' } },
          },
        },
        legacy: {},
      },
    });
    expect(warnings).toEqual([
      "Recursive $ref '#/$defs/Node' at #.properties.tree.properties.children.items was cut to a plain object: Gemini schemas cannot recurse.",
      "Unresolvable $ref '#/definitions/Gone' at #.properties.legacy was replaced by an unconstrained value.",
    ]);
  });

  it('merges allOf members, drops empty property maps and gives arrays their items', () => {
    const { value, warnings } = cleanJsonSchemaForGemini({
      type: 'object',
      properties: {
        merged: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { properties: { b: { type: 'number' } }, required: ['b'] },
          ],
        },
        anything: { type: 'object', properties: {}, additionalProperties: { type: 'string' } },
        list: { type: 'array' },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
      },
    });
    expect(value).toEqual({
      type: 'object',
      properties: {
        merged: {
          type: 'object',
          properties: { a: { type: 'string' }, b: { type: 'number' } },
          required: ['a', 'b'],
        },
        anything: { type: 'object' },
        list: { type: 'array', items: { type: 'string' } },
        pair: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
      },
    });
    expect(warnings).toEqual([
      "Array without 'items' at #.properties.list was declared as an array of strings for Gemini.",
    ]);
  });

  it('does not modify its input', () => {
    const schema = { type: ['string', 'null'], $schema: 'x' };
    const copy = structuredClone(schema);
    cleanJsonSchemaForGemini(schema);
    expect(schema).toEqual(copy);
  });
});
