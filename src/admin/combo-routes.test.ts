import { describe, expect, it } from 'vitest';
import { comboInputSchema, comboPatchSchema } from './combo-routes.js';

describe('combo input schemas', () => {
  it('fills defaults on create', () => {
    expect(comboInputSchema.parse({ name: 'c', models: ['openai/gpt-4.1'] })).toEqual({
      name: 'c',
      strategy: 'priority',
      models: ['openai/gpt-4.1'],
      config: {},
    });
  });

  it('leaves omitted fields out of an update, so they keep their stored values', () => {
    expect(comboPatchSchema.parse({ models: ['openai/gpt-4o'] })).toEqual({ models: ['openai/gpt-4o'] });
    expect(comboPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
