import type { OAuthTokenSet } from '../storage/repositories/oauth-tokens-repository.js';

/** What one upstream call looks like before the subscription's own rules apply. */
export interface DraftCall {
  path: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * The wire rules of one subscription upstream, as data plus small functions: the headers the official client
 * sends, the endpoint path, body rewrites (model id mapping, forced streaming, envelopes).
 */
export interface SubscriptionQuirks {
  headers: Record<string, string>;
  /** Headers that depend on the account's tokens (Codex's account id). */
  accountHeaders?: (tokens: OAuthTokenSet) => Record<string, string>;
  rewrite?: (call: DraftCall, tokens: OAuthTokenSet) => DraftCall;
  /** The upstream only streams (Codex): a non-streaming client's call is streamed and collected. */
  streamOnly?: boolean;
  /** Answers come wrapped as `{response: ...}` (Gemini Code Assist). */
  responseEnvelope?: boolean;
}

/** Claude Code's OAuth tokens only work with its beta flags, and Anthropic expects its system prompt first. */
const claudeCodeSystem = "You are Claude Code, Anthropic's official CLI for Claude.";
const claudeCodeBetas = ['oauth-2025-04-20', 'claude-code-20250219', 'interleaved-thinking-2025-05-14'];

/** Codex model ids may carry the reasoning effort (`gpt-5.1-codex-high`): the id without it, plus the effort. */
const effortSuffix = /-(minimal|low|medium|high|xhigh)$/;

export const subscriptionQuirks: Record<string, SubscriptionQuirks> = {
  'claude-code': {
    headers: {
      'anthropic-version': '2023-06-01',
      'anthropic-dangerous-direct-browser-access': 'true',
      'x-app': 'cli',
      'user-agent': 'claude-cli/2.0.14 (external, cli)',
    },
    rewrite: (call) => {
      const betas = new Set([...claudeCodeBetas, ...splitList(call.headers['anthropic-beta'])]);
      return {
        path: `${call.path}?beta=true`,
        headers: { ...call.headers, 'anthropic-beta': [...betas].join(',') },
        body: { ...call.body, system: withClaudeCodeSystem(call.body.system) },
      };
    },
  },
  codex: {
    headers: { 'openai-beta': 'responses=experimental', originator: 'codex_cli_rs', accept: 'text/event-stream' },
    accountHeaders: (tokens): Record<string, string> =>
      tokens.accountId === undefined ? {} : { 'chatgpt-account-id': tokens.accountId },
    streamOnly: true,
    rewrite: (call) => {
      const body: Record<string, unknown> = { ...call.body, stream: true, store: false };
      const model = typeof body.model === 'string' ? body.model : '';
      const effort = effortSuffix.exec(model)?.[1];
      if (effort !== undefined) {
        body.model = model.slice(0, -effort.length - 1);
        body.reasoning = { ...(typeof body.reasoning === 'object' ? body.reasoning : {}), effort };
      }
      return { ...call, body };
    },
  },
  'github-copilot': {
    headers: {
      'editor-version': 'vscode/1.99.3',
      'editor-plugin-version': 'copilot-chat/0.26.7',
      'copilot-integration-id': 'vscode-chat',
      'user-agent': 'GitHubCopilotChat/0.26.7',
      'openai-intent': 'conversation-panel',
      'x-github-api-version': '2025-04-01',
    },
  },
  'gemini-cli': {
    headers: { 'user-agent': 'GeminiCLI/0.10.0 (linux; x64)' },
    responseEnvelope: true,
    // The gemini adapter's `/models/{model}:{action}` becomes Code Assist's `/v1internal:{action}` with the
    // request wrapped in `{model, project, request}`.
    rewrite: (call, tokens) => {
      const match = /\/models\/([^/:]+):(\w+)(\?.*)?$/.exec(call.path);
      if (match === null) return call;
      const [, model, action, query = ''] = match;
      return {
        ...call,
        path: `/v1internal:${action}${query}`,
        body: { model, ...(tokens.projectId === undefined ? {} : { project: tokens.projectId }), request: call.body },
      };
    },
  },
  'qwen-code': {
    headers: {
      'user-agent': 'QwenCode/0.0.14 (linux; x64)',
      'x-dashscope-useragent': 'QwenCode/0.0.14 (linux; x64)',
      'x-dashscope-authtype': 'qwen-oauth',
      'x-dashscope-cachecontrol': 'enable',
    },
  },
};

function withClaudeCodeSystem(system: unknown): unknown {
  const first = { type: 'text', text: claudeCodeSystem };
  if (system === undefined || system === '') return [first];
  if (typeof system === 'string')
    return system.startsWith(claudeCodeSystem) ? system : [first, { type: 'text', text: system }];
  if (!Array.isArray(system)) return system;
  const head = system[0] as { text?: unknown } | undefined;
  return head?.text === claudeCodeSystem ? system : [first, ...system];
}

function splitList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
