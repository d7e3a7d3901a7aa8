import { Buffer } from 'node:buffer';
import type {
  AssistantContentPart,
  CacheControl,
  Converted,
  FilePart,
  MediaSource,
  ToolResultPart,
  UserContentPart,
} from '../../../core/canonical.js';
import type {
  WireAssistantBlock,
  WireCacheControl,
  WireDocumentBlock,
  WireImageBlock,
  WireTextBlock,
  WireToolResultBlock,
  WireUserBlock,
} from './anthropic-wire-types.js';

/** Canonical parts → Anthropic content blocks, one message's worth at a time. */

export function toWireCacheControl(cacheControl: CacheControl | undefined): { cache_control?: WireCacheControl } {
  if (cacheControl === undefined) return {};
  return {
    cache_control:
      cacheControl.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cacheControl.ttl },
  };
}

/**
 * Anthropic requires tool ids to match `^[a-zA-Z0-9_-]+$`; some upstreams write ids such as
 * `functions.get_weather:0`. The same rewrite applies to calls and results, so the pairing survives.
 */
export function toAnthropicToolId(id: string): string {
  const cleaned = id.replace(/[^a-zA-Z0-9_-]/g, '_');
  return cleaned === '' ? 'toolu_' : cleaned;
}

export function convertUserPart(part: UserContentPart): Converted<WireUserBlock[]> {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks ("text content blocks must be non-empty").
      return {
        value: part.text === '' ? [] : [{ type: 'text', text: part.text, ...toWireCacheControl(part.cacheControl) }],
        warnings: [],
      };
    case 'image':
      return { value: [toImageBlock(part.source, part.cacheControl)], warnings: [] };
    case 'file':
      return convertFilePart(part);
    default: {
      const exhaustive: never = part;
      throw new Error(`unreachable user part ${String(exhaustive)}`);
    }
  }
}

export function convertAssistantPart(part: AssistantContentPart): Converted<WireAssistantBlock[]> {
  switch (part.type) {
    case 'text':
      return {
        value: part.text === '' ? [] : [{ type: 'text', text: part.text, ...toWireCacheControl(part.cacheControl) }],
        warnings: [],
      };
    case 'reasoning':
      // Anthropic verifies the signature of every thinking block sent back; unsigned reasoning (from another
      // upstream) would be a 400, so it is left out of the history.
      if (part.signature === undefined || part.signature === '') {
        return { value: [], warnings: ['reasoning without an Anthropic signature was left out of the history'] };
      }
      return { value: [{ type: 'thinking', thinking: part.text, signature: part.signature }], warnings: [] };
    case 'redacted-reasoning':
      return { value: [{ type: 'redacted_thinking', data: part.data }], warnings: [] };
    case 'tool-call': {
      const input = parseArguments(part.arguments);
      const warnings =
        input === undefined ? [`tool call '${part.id}' had arguments that are not a JSON object; sent as {}`] : [];
      return {
        value: [{ type: 'tool_use', id: toAnthropicToolId(part.id), name: part.name, input: input ?? {} }],
        warnings,
      };
    }
    default: {
      const exhaustive: never = part;
      throw new Error(`unreachable assistant part ${String(exhaustive)}`);
    }
  }
}

export function convertToolResult(part: ToolResultPart): WireToolResultBlock {
  const block: WireToolResultBlock = { type: 'tool_result', tool_use_id: toAnthropicToolId(part.toolCallId) };
  const [first] = part.content;
  if (part.content.length === 1 && first?.type === 'text' && first.cacheControl === undefined) {
    block.content = first.text;
  } else if (part.content.length > 0) {
    block.content = part.content.flatMap((item): Array<WireTextBlock | WireImageBlock> => {
      if (item.type === 'image') return [toImageBlock(item.source, item.cacheControl)];
      return item.text === ''
        ? []
        : [{ type: 'text' as const, text: item.text, ...toWireCacheControl(item.cacheControl) }];
    });
  }
  if (part.isError === true) block.is_error = true;
  return { ...block, ...toWireCacheControl(part.cacheControl) };
}

function toImageBlock(original: MediaSource, cacheControl: CacheControl | undefined): WireImageBlock {
  const source = resolveSource(original);
  const wire: WireImageBlock['source'] =
    source.kind === 'base64'
      ? { type: 'base64', media_type: source.mediaType, data: source.data }
      : { type: 'url', url: source.url };
  return { type: 'image', source: wire, ...toWireCacheControl(cacheControl) };
}

/**
 * Files become what Anthropic can read: PDFs as documents (base64 or URL), any text/* as a plain-text document,
 * images as image blocks. Other media (Word files, audio, ...) have no Anthropic block and are dropped.
 */
function convertFilePart(part: FilePart): Converted<WireUserBlock[]> {
  const source = resolveSource(part.source);
  const mediaType = source.mediaType?.toLowerCase();
  const extras = {
    ...(part.filename === undefined ? {} : { title: part.filename }),
    ...toWireCacheControl(part.cacheControl),
  };
  if (mediaType?.startsWith('image/') === true)
    return { value: [toImageBlock(source, part.cacheControl)], warnings: [] };
  if (source.kind === 'url') {
    if (mediaType === undefined || mediaType === 'application/pdf') {
      const block: WireDocumentBlock = { type: 'document', source: { type: 'url', url: source.url }, ...extras };
      return { value: [block], warnings: [] };
    }
    return { value: [], warnings: [`a '${mediaType}' file given by URL was dropped: Anthropic only fetches PDF URLs`] };
  }
  if (mediaType === 'application/pdf') {
    const block: WireDocumentBlock = {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: source.data },
      ...extras,
    };
    return { value: [block], warnings: [] };
  }
  if (mediaType?.startsWith('text/') === true) {
    const text = Buffer.from(source.data, 'base64').toString('utf8');
    const block: WireDocumentBlock = {
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: text },
      ...extras,
    };
    return { value: [block], warnings: [] };
  }
  return {
    value: [],
    warnings: [`a '${source.mediaType}' file was dropped: Anthropic reads only PDF, text and image files`],
  };
}

/** `data:` URLs (OpenAI clients send images this way) become base64 sources; other URLs stay URLs. */
function resolveSource(source: MediaSource): MediaSource {
  if (source.kind !== 'url' || !source.url.startsWith('data:')) return source;
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(source.url);
  if (match === null) return source;
  const mediaType = match[1] === '' ? (source.mediaType ?? 'text/plain') : (match[1] ?? 'text/plain');
  const payload = match[3] ?? '';
  const isBase64 = (match[2] ?? '').split(';').includes('base64');
  const data = isBase64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { kind: 'base64', mediaType, data };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
