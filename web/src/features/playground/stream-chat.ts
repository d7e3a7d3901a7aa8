import { toApiError } from '../../api/client';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What one playground answer took: shown under the reply. */
export interface ChatTiming {
  firstTokenMs: number | undefined;
  totalMs: number;
  usage: ChatUsage | undefined;
  /** The gateway's `x-omniroute-route` header: which provider, model and account served it. */
  route: string | undefined;
}

export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  maxTokens?: number;
  signal: AbortSignal;
  /** Each piece of answer text as it arrives. */
  onText: (text: string) => void;
}

const playgroundPath = '/api/playground/chat/completions';

/**
 * One chat turn through the dashboard's own chat route (management auth: no client key). Streams are read with
 * fetch + ReadableStream (EventSource cannot POST); aborting the signal stops the request and the upstream call.
 */
export async function sendChat({ model, messages, stream, maxTokens, signal, onText }: ChatInput): Promise<ChatTiming> {
  const started = performance.now();
  let firstTokenMs: number | undefined;
  const text = (piece: string) => {
    if (piece === '') return;
    firstTokenMs ??= performance.now() - started;
    onText(piece);
  };
  const body = {
    model,
    messages,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
  };
  const response = await fetch(playgroundPath, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await toApiError(response);
  const route = response.headers.get('x-omniroute-route') ?? undefined;
  let usage: ChatUsage | undefined;
  if (!stream || response.body === null) {
    const answer = (await response.json()) as CompletionChunk;
    text(answer.choices?.[0]?.message?.content ?? '');
    usage = usageOf(answer);
  } else {
    for await (const data of sseData(response.body)) {
      if (data === '[DONE]') break;
      const chunk = JSON.parse(data) as CompletionChunk;
      if (chunk.error !== undefined) throw new Error(chunk.error.message ?? 'The stream failed.');
      text(chunk.choices?.[0]?.delta?.content ?? '');
      usage = usageOf(chunk) ?? usage;
    }
  }
  return { firstTokenMs, totalMs: performance.now() - started, usage, route };
}

interface CompletionChunk {
  choices?: Array<{ message?: { content?: string | null }; delta?: { content?: string | null } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

function usageOf(chunk: CompletionChunk): ChatUsage | undefined {
  if (!chunk.usage) return undefined;
  return { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
}

/** The `data:` payloads of an SSE body, event by event (events end with a blank line; CRLF tolerated). */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const data = dataOf(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (data !== undefined) yield data;
        end = buffer.indexOf('\n\n');
      }
    }
    const rest = dataOf(buffer);
    if (rest !== undefined) yield rest;
  } finally {
    reader.releaseLock();
  }
}

function dataOf(event: string): string | undefined {
  const lines = event
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''));
  return lines.length === 0 ? undefined : lines.join('\n');
}
