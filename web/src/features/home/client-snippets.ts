/** Copy-ready setup for each popular client, filled with this gateway's address, a key and a model. */
export interface Snippet {
  id: string;
  label: string;
  /** Where the snippet goes (a shell, a config file). */
  note: string;
  code: string;
}

export function clientSnippets({ origin, key, model }: { origin: string; key: string; model: string }): Snippet[] {
  const v1 = `${origin}/v1`;
  return [
    {
      id: 'curl',
      label: 'curl',
      note: 'Any shell: one chat request.',
      code: `curl ${v1}/chat/completions \\
  -H 'authorization: Bearer ${key}' \\
  -H 'content-type: application/json' \\
  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
    },
    {
      id: 'claude-code',
      label: 'Claude Code',
      note: 'In your shell before starting claude. Any model or combo works: OmniRoute translates.',
      code: `export ANTHROPIC_BASE_URL=${origin}
export ANTHROPIC_AUTH_TOKEN=${key}
export ANTHROPIC_MODEL=${model}
claude`,
    },
    {
      id: 'codex',
      label: 'Codex CLI',
      note: '~/.codex/config.toml',
      code: `model = "${model}"
model_provider = "omniroute"

[model_providers.omniroute]
name = "OmniRoute"
base_url = "${v1}"
env_key = "OMNIROUTE_API_KEY"
wire_api = "responses"

# then: export OMNIROUTE_API_KEY=${key}`,
    },
    {
      id: 'gemini-cli',
      label: 'Gemini CLI',
      note: 'In your shell before starting gemini.',
      code: `export GOOGLE_GEMINI_BASE_URL=${origin}
export GEMINI_API_KEY=${key}
gemini -m ${model}`,
    },
    {
      id: 'opencode',
      label: 'OpenCode',
      note: 'opencode.json in your project (or ~/.config/opencode/opencode.json)',
      code: JSON.stringify(
        {
          $schema: 'https://opencode.ai/config.json',
          provider: {
            omniroute: {
              npm: '@ai-sdk/openai-compatible',
              name: 'OmniRoute',
              options: { baseURL: v1, apiKey: key },
              models: { [model]: { name: model } },
            },
          },
          model: `omniroute/${model}`,
        },
        null,
        2,
      ),
    },
    {
      id: 'ide',
      label: 'Cursor / Cline / Continue',
      note: 'Settings → an “OpenAI compatible” provider with these values (Continue: config.yaml below).',
      code: `Base URL:  ${v1}
API key:   ${key}
Model:     ${model}

# Continue (~/.continue/config.yaml)
models:
  - name: OmniRoute
    provider: openai
    model: ${model}
    apiBase: ${v1}
    apiKey: ${key}`,
    },
    {
      id: 'openai-sdk',
      label: 'OpenAI SDK',
      note: 'TypeScript (Python: the same arguments, base_url / api_key).',
      code: `import OpenAI from 'openai';

const client = new OpenAI({ baseURL: '${v1}', apiKey: '${key}' });
const answer = await client.chat.completions.create({
  model: '${model}',
  messages: [{ role: 'user', content: 'Hello' }],
});
console.log(answer.choices[0].message.content);`,
    },
    {
      id: 'anthropic-sdk',
      label: 'Anthropic SDK',
      note: 'TypeScript.',
      code: `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ baseURL: '${origin}', apiKey: '${key}' });
const message = await client.messages.create({
  model: '${model}',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hello' }],
});`,
    },
    {
      id: 'gemini-sdk',
      label: 'Gemini SDK',
      note: 'TypeScript (@google/genai).',
      code: `import { GoogleGenAI } from '@google/genai';

const ai = new GoogleGenAI({ apiKey: '${key}', httpOptions: { baseUrl: '${origin}' } });
const answer = await ai.models.generateContent({ model: '${model}', contents: 'Hello' });
console.log(answer.text);`,
    },
  ];
}
