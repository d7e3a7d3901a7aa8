import { describe, expect, it } from 'vitest';
import { renderTags } from './index.js';

describe('renderTags', () => {
  it('renders the /api/tags shape with a stable digest', () => {
    const body = renderTags([
      { name: 'openai/gpt-4o', modifiedAt: '2025-05-01T10:00:00Z', size: 0, family: 'gpt' },
      { name: 'claude-sonnet' },
    ]);
    expect(body.models[0]).toEqual({
      name: 'openai/gpt-4o',
      model: 'openai/gpt-4o',
      modified_at: '2025-05-01T10:00:00Z',
      size: 0,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: {
        parent_model: '',
        format: '',
        family: 'gpt',
        families: ['gpt'],
        parameter_size: '',
        quantization_level: '',
      },
    });
    expect(body.models[1]).toMatchObject({ name: 'claude-sonnet', modified_at: '1970-01-01T00:00:00.000Z', size: 0 });
    expect(body.models[1]?.details.families).toEqual([]);
    expect(renderTags([{ name: 'claude-sonnet' }]).models[0]?.digest).toBe(body.models[1]?.digest);
    expect(body.models[0]?.digest).not.toBe(body.models[1]?.digest);
  });
});
