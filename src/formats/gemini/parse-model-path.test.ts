import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { geminiSchemaToJsonSchema } from './gemini-schema-to-json-schema.js';
import { parseModelPath } from './parse-model-path.js';
import { renderModelList } from './render-model-list.js';

describe('parseModelPath', () => {
  it('splits model and method, allowing / and : inside the model', () => {
    expect(parseModelPath('models/gemini-2.5-pro:generateContent')).toEqual({
      model: 'gemini-2.5-pro',
      method: 'generateContent',
    });
    expect(parseModelPath('/v1beta/models/gemini/gemini-2.5-pro:streamGenerateContent?alt=sse')).toEqual({
      model: 'gemini/gemini-2.5-pro',
      method: 'streamGenerateContent',
    });
    expect(parseModelPath('models/ollama/llama3:8b:countTokens')).toEqual({
      model: 'ollama/llama3:8b',
      method: 'countTokens',
    });
    expect(parseModelPath('models/openai%2Fgpt-4o:embedContent').model).toBe('openai/gpt-4o');
    expect(parseModelPath('models/text-embedding-004:batchEmbedContents').method).toBe('batchEmbedContents');
  });

  it('rejects unknown methods and malformed paths', () => {
    const statusOf = (path: string): number => {
      try {
        parseModelPath(path);
      } catch (error) {
        if (error instanceof GatewayError) return error.status;
      }
      return 0;
    };
    expect(statusOf('models/gemini-2.5-pro:predict')).toBe(404);
    expect(statusOf('models/gemini-2.5-pro')).toBe(404);
    expect(statusOf('tunedModels/x:generateContent')).toBe(404);
    expect(statusOf('models/:generateContent')).toBe(400);
    expect(statusOf('models/%E0%A4%A:generateContent')).toBe(400);
  });
});

describe('renderModelList', () => {
  it('renders ListModelsResponse entries', () => {
    expect(
      renderModelList([
        {
          id: 'gemini/gemini-2.5-pro',
          displayName: 'Gemini 2.5 Pro',
          contextLength: 1_048_576,
          maxOutputTokens: 65_536,
        },
        { id: 'claude-sonnet-4' },
      ]),
    ).toEqual({
      models: [
        {
          name: 'models/gemini/gemini-2.5-pro',
          displayName: 'Gemini 2.5 Pro',
          inputTokenLimit: 1_048_576,
          outputTokenLimit: 65_536,
          supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
        },
        {
          name: 'models/claude-sonnet-4',
          displayName: 'claude-sonnet-4',
          supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
        },
      ],
    });
  });
});

describe('geminiSchemaToJsonSchema', () => {
  it('lowercases types, turns nullable into a null type and drops Gemini-only keywords', () => {
    expect(
      geminiSchemaToJsonSchema({
        type: 'OBJECT',
        properties: {
          name: { type: 'STRING', minLength: '1', format: 'enum', enum: ['a', 'b'] },
          choice: { anyOf: [{ type: 'STRING' }, { type: 'INTEGER' }], nullable: true },
          list: { type: 'ARRAY', items: { type: 'NUMBER', format: 'double' } },
        },
        propertyOrdering: ['name', 'choice', 'list'],
        required: ['name'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, enum: ['a', 'b'] },
        choice: { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] },
        list: { type: 'array', items: { type: 'number', format: 'double' } },
      },
      required: ['name'],
    });
  });
});
