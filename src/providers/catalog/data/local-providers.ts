import type { ProviderDefinition } from '../types.js';

/**
 * Servers on the user's machine. They list no fixed models: each one's models come from the server itself.
 * LM Studio and vLLM accept an optional bearer key (vLLM's `--api-key`), so none is required here.
 */
export const localProviders: ProviderDefinition[] = [
  {
    id: 'ollama',
    name: 'Ollama',
    category: 'local',
    kind: 'local',
    // The native API: the adapter appends /api/chat; models are listed at /api/tags, not /models.
    format: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    authStyle: 'none',
    apiKeyRequired: false,
    docsUrl: 'https://docs.ollama.com/api',
    modelsEndpoint: false,
    models: [],
  },
  {
    id: 'lm-studio',
    alias: 'lmstudio',
    name: 'LM Studio',
    category: 'local',
    kind: 'local',
    format: 'openai',
    baseUrl: 'http://127.0.0.1:1234/v1',
    authStyle: 'bearer',
    apiKeyRequired: false,
    docsUrl: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
    modelsEndpoint: true,
    supportsStreamUsage: true,
    models: [],
  },
  {
    id: 'vllm',
    name: 'vLLM',
    category: 'local',
    kind: 'local',
    format: 'openai',
    baseUrl: 'http://127.0.0.1:8000/v1',
    authStyle: 'bearer',
    apiKeyRequired: false,
    docsUrl: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    modelsEndpoint: true,
    supportsStreamUsage: true,
    models: [],
  },
];
