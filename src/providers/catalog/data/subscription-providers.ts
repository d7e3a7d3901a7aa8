import type { ModelDefinition, ProviderDefinition } from '../types.js';

/**
 * Subscription accounts signed in with OAuth (src/oauth): Claude Pro/Max through Claude Code, ChatGPT through
 * Codex, GitHub Copilot, the Gemini CLI's Code Assist tier, Qwen Code. No list prices: the subscription pays.
 * Their headers, paths and other wire quirks live in src/oauth/subscription-quirks.ts; a pasted access token
 * (`apiKey`) also works, without refresh.
 */
const chat = (id: string, extra: Partial<ModelDefinition> = {}): ModelDefinition => ({
  id,
  type: 'chat',
  supportsTools: true,
  ...extra,
});

const reasoning = { supportsReasoning: true, supportsVision: true } as const;

export const subscriptionProviders: ProviderDefinition[] = [
  {
    id: 'claude-code',
    alias: 'cc',
    name: 'Claude Code (Pro/Max subscription)',
    category: 'subscription',
    kind: 'oauth',
    format: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    authStyle: 'bearer',
    apiKeyRequired: true,
    docsUrl: 'https://docs.anthropic.com/en/docs/claude-code/overview',
    models: [
      chat('claude-opus-4-6', { ...reasoning, contextLength: 200_000 }),
      chat('claude-opus-4-5', { ...reasoning, contextLength: 200_000 }),
      chat('claude-sonnet-4-5', { ...reasoning, contextLength: 200_000 }),
      chat('claude-haiku-4-5', { ...reasoning, contextLength: 200_000 }),
    ],
  },
  {
    id: 'codex',
    alias: 'cx',
    name: 'Codex (ChatGPT subscription)',
    category: 'subscription',
    kind: 'oauth',
    format: 'openai-responses',
    baseUrl: 'https://chatgpt.com/backend-api/codex',
    authStyle: 'bearer',
    apiKeyRequired: true,
    docsUrl: 'https://developers.openai.com/codex',
    models: [
      chat('gpt-5.1-codex', reasoning),
      chat('gpt-5.1-codex-mini', reasoning),
      chat('gpt-5.1', reasoning),
      chat('gpt-5-codex', reasoning),
    ],
  },
  {
    id: 'github-copilot',
    alias: 'gh',
    name: 'GitHub Copilot',
    category: 'subscription',
    kind: 'oauth',
    format: 'openai',
    baseUrl: 'https://api.githubcopilot.com',
    authStyle: 'bearer',
    apiKeyRequired: true,
    docsUrl: 'https://docs.github.com/en/copilot',
    models: [chat('gpt-4.1'), chat('gpt-4o'), chat('claude-sonnet-4'), chat('gemini-2.5-pro')],
  },
  {
    id: 'gemini-cli',
    alias: 'gc',
    name: 'Gemini CLI (Code Assist)',
    category: 'subscription',
    kind: 'oauth',
    format: 'gemini',
    baseUrl: 'https://cloudcode-pa.googleapis.com',
    authStyle: 'bearer',
    apiKeyRequired: true,
    docsUrl: 'https://github.com/google-gemini/gemini-cli',
    models: [chat('gemini-2.5-pro', reasoning), chat('gemini-2.5-flash', reasoning)],
  },
  {
    id: 'qwen-code',
    alias: 'qw',
    name: 'Qwen Code',
    category: 'subscription',
    kind: 'oauth',
    format: 'openai',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    authStyle: 'bearer',
    apiKeyRequired: true,
    docsUrl: 'https://github.com/QwenLM/qwen-code',
    models: [chat('qwen3-coder-plus'), chat('qwen3-coder-flash')],
  },
];
