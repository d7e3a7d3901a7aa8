import type { ProviderDefinition } from '../types.js';

/**
 * Speech-to-text APIs with their own wire format. They serve `/v1/audio/transcriptions` only, through their own
 * adapters (src/media/transcription/); `format` is a placeholder the chat routes never reach, since every model
 * here is a transcription model. Billed per minute of audio, pay-as-you-go list prices.
 */
export const speechProviders: ProviderDefinition[] = [
  {
    id: 'deepgram',
    name: 'Deepgram',
    category: 'api',
    kind: 'api-key',
    format: 'openai',
    baseUrl: 'https://api.deepgram.com/v1',
    authStyle: 'token',
    apiKeyRequired: true,
    docsUrl: 'https://developers.deepgram.com/reference/speech-to-text-api/listen',
    // deepgram.com/pricing: pre-recorded, monolingual.
    models: [
      { id: 'nova-3', type: 'transcription', pricing: { input: 0, output: 0, perMinute: 0.0043 } },
      { id: 'nova-2', type: 'transcription', pricing: { input: 0, output: 0, perMinute: 0.0043 } },
    ],
  },
  {
    id: 'assemblyai',
    name: 'AssemblyAI',
    category: 'api',
    kind: 'api-key',
    format: 'openai',
    baseUrl: 'https://api.assemblyai.com',
    authStyle: 'authorization',
    apiKeyRequired: true,
    docsUrl: 'https://www.assemblyai.com/docs/api-reference/transcripts/submit',
    // The model id is the `speech_model`; `best` is served by Universal. assemblyai.com/pricing: Universal
    // $0.15/h, Nano $0.12/h (pro-rated to the second).
    models: [
      { id: 'best', type: 'transcription', pricing: { input: 0, output: 0, perMinute: 0.0025 } },
      { id: 'universal', type: 'transcription', pricing: { input: 0, output: 0, perMinute: 0.0025 } },
      { id: 'nano', type: 'transcription', pricing: { input: 0, output: 0, perMinute: 0.002 } },
      { id: 'slam-1', type: 'transcription' },
    ],
  },
];
