import { describe, expect, it } from 'vitest';
import { cleanJsonSchemaForAnthropic } from './clean-json-schema-for-anthropic.js';

describe('cleanJsonSchemaForAnthropic', () => {
  it('closes objects, reads oneOf as anyOf and keeps $defs and refs', () => {
    const { value, warnings } = cleanJsonSchemaForAnthropic({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        pet: { oneOf: [{ $ref: '#/$defs/cat' }, { type: 'null' }] },
        scores: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 1 },
      },
      required: ['when'],
      $defs: { cat: { type: 'object', properties: { name: { type: 'string' } } } },
    });
    expect(value).toEqual({
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        pet: { anyOf: [{ $ref: '#/$defs/cat' }, { type: 'null' }] },
        scores: { type: 'array', items: { type: 'integer', description: '{minimum: 0}' }, minItems: 1 },
      },
      required: ['when'],
      $defs: { cat: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false } },
      additionalProperties: false,
    });
    expect(warnings).toEqual(['JSON schema keywords not enforced by Anthropic were moved into descriptions: minimum']);
  });

  it('describes what it cannot enforce instead of dropping it silently', () => {
    const { value, warnings } = cleanJsonSchemaForAnthropic({
      type: 'object',
      description: 'A map of labels.',
      additionalProperties: { type: 'string' },
      properties: { code: { type: 'string', format: 'iso-4217', pattern: '^[A-Z]{3}$' } },
    });
    expect(value).toEqual({
      type: 'object',
      description: 'A map of labels.\n\n{additionalProperties: {"type":"string"}}',
      properties: { code: { type: 'string', description: '{pattern: "^[A-Z]{3}$", format: "iso-4217"}' } },
      additionalProperties: false,
    });
    expect(warnings).toEqual([
      'JSON schema keywords not enforced by Anthropic were moved into descriptions: additionalProperties, format, pattern',
    ]);
  });
});
