import type { ProviderDefinition } from '../types.js';

/**
 * Prices: ai.google.dev/gemini-api/docs/pricing (paid tier). Pro models bill prompts over 200k tokens at a higher
 * tier, which is not modelled here; the prices below are the ≤200k tier.
 */
export const geminiProvider: ProviderDefinition = {
  id: 'gemini',
  name: 'Google Gemini',
  category: 'api',
  kind: 'api-key',
  format: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  authStyle: 'x-goog-api-key',
  apiKeyRequired: true,
  docsUrl: 'https://ai.google.dev/api',
  // GET /v1beta/models answers in Gemini's own shape.
  modelsEndpoint: false,
  models: [
    {
      id: 'gemini-3-pro-preview',
      type: 'chat',
      contextLength: 1_048_576,
      maxOutputTokens: 65_536,
      pricing: { input: 2, output: 12, cachedInput: 0.2 },
      supportsReasoning: true,
      supportsVision: true,
      supportsTools: true,
    },
    {
      id: 'gemini-2.5-pro',
      type: 'chat',
      contextLength: 1_048_576,
      maxOutputTokens: 65_536,
      pricing: { input: 1.25, output: 10, cachedInput: 0.125 },
      supportsReasoning: true,
      supportsVision: true,
      supportsTools: true,
    },
    {
      id: 'gemini-2.5-flash',
      type: 'chat',
      contextLength: 1_048_576,
      maxOutputTokens: 65_536,
      pricing: { input: 0.3, output: 2.5, cachedInput: 0.03 },
      supportsReasoning: true,
      supportsVision: true,
      supportsTools: true,
    },
    {
      id: 'gemini-2.5-flash-lite',
      type: 'chat',
      contextLength: 1_048_576,
      maxOutputTokens: 65_536,
      pricing: { input: 0.1, output: 0.4, cachedInput: 0.01 },
      supportsReasoning: true,
      supportsVision: true,
      supportsTools: true,
    },
    {
      id: 'gemini-2.0-flash',
      type: 'chat',
      contextLength: 1_048_576,
      maxOutputTokens: 8192,
      pricing: { input: 0.1, output: 0.4, cachedInput: 0.025 },
      supportsVision: true,
      supportsTools: true,
    },
    {
      id: 'gemini-2.0-flash-lite',
      type: 'chat',
      contextLength: 1_048_576,
      maxOutputTokens: 8192,
      pricing: { input: 0.075, output: 0.3 },
      supportsVision: true,
      supportsTools: true,
    },
    // Image output tokens are billed at the `output` price.
    {
      id: 'gemini-2.5-flash-image',
      type: 'image',
      contextLength: 32_768,
      maxOutputTokens: 32_768,
      pricing: { input: 0.3, output: 30 },
      supportsVision: true,
    },
    { id: 'gemini-embedding-001', type: 'embedding', contextLength: 2048, pricing: { input: 0.15, output: 0 } },
    // Free of charge on the Gemini API, hence no list price.
    { id: 'text-embedding-004', type: 'embedding', contextLength: 2048 },
    // Imagen answers through `:predict` and is billed per image (https://ai.google.dev/gemini-api/docs/pricing).
    { id: 'imagen-4.0-generate-001', type: 'image', pricing: { input: 0, output: 0, perImage: 0.04 } },
    { id: 'imagen-4.0-ultra-generate-001', type: 'image', pricing: { input: 0, output: 0, perImage: 0.06 } },
    { id: 'imagen-4.0-fast-generate-001', type: 'image', pricing: { input: 0, output: 0, perImage: 0.02 } },
  ],
};
