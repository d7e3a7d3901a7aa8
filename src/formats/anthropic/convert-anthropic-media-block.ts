import { Buffer } from 'node:buffer';
import type { CacheControl, Converted, FilePart, ImagePart, TextPart } from '../../core/canonical.js';
import {
  type AnthropicDocumentBlockParam,
  type AnthropicImageBlockParam,
  imageBlockSchema,
  textBlockSchema,
} from './anthropic-request-schema.js';
import { toCanonicalCacheControl } from './to-canonical-cache-control.js';
import { type FieldPath, invalidField, validateAnthropicField } from './validate-anthropic-field.js';

/**
 * Image and document blocks → canonical image/file parts.
 * Files API sources (`{type:'file', file_id}`) are a 400: the id belongs to one Anthropic workspace and means
 * nothing to whichever upstream the request is routed to.
 */

export function convertAnthropicImageBlock(block: AnthropicImageBlockParam, path: FieldPath): ImagePart {
  const cacheControl = toCanonicalCacheControl(block.cache_control);
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return withCache<ImagePart>(
        { type: 'image', source: { kind: 'base64', mediaType: source.media_type, data: source.data } },
        cacheControl,
      );
    case 'url':
      return withCache<ImagePart>({ type: 'image', source: { kind: 'url', url: source.url } }, cacheControl);
    case 'file':
      throw invalidField([...path, 'source'], 'Files API sources (file_id) cannot be translated to another provider');
    default: {
      const exhaustive: never = source;
      throw new Error(`unreachable image source ${String(exhaustive)}`);
    }
  }
}

export function convertAnthropicDocumentBlock(
  block: AnthropicDocumentBlockParam,
  path: FieldPath,
): Converted<Array<FilePart | TextPart | ImagePart>> {
  const warnings: string[] = [];
  const cacheControl = toCanonicalCacheControl(block.cache_control);
  const filename = block.title ?? undefined;
  if (typeof block.context === 'string')
    warnings.push('document context was dropped: the canonical file part has no context');
  if (block.citations?.enabled === true) {
    warnings.push('document citations were turned off: citations cannot be translated');
  }
  const file = (source: FilePart['source']): FilePart =>
    withCache<FilePart>(
      filename === undefined ? { type: 'file', source } : { type: 'file', source, filename },
      cacheControl,
    );
  const { source } = block;
  switch (source.type) {
    case 'base64':
      return { value: [file({ kind: 'base64', mediaType: source.media_type, data: source.data })], warnings };
    case 'url':
      // URL documents are PDFs (URLPDFSource); saying so lets other upstreams pick the right part type.
      return { value: [file({ kind: 'url', url: source.url, mediaType: 'application/pdf' })], warnings };
    case 'text':
      return {
        value: [
          file({ kind: 'base64', mediaType: 'text/plain', data: Buffer.from(source.data, 'utf8').toString('base64') }),
        ],
        warnings,
      };
    case 'content': {
      warnings.push('a document with a content source was flattened into its text and image parts');
      return { value: convertDocumentContent(source.content, [...path, 'source', 'content']), warnings };
    }
    case 'file':
      throw invalidField([...path, 'source'], 'Files API sources (file_id) cannot be translated to another provider');
    default: {
      const exhaustive: never = source;
      throw new Error(`unreachable document source ${String(exhaustive)}`);
    }
  }
}

function convertDocumentContent(content: string | unknown[], path: FieldPath): Array<TextPart | ImagePart> {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.map((item, index): TextPart | ImagePart => {
    const at = [...path, index];
    const type = typeof item === 'object' && item !== null && 'type' in item ? item.type : undefined;
    if (type === 'image') return convertAnthropicImageBlock(validateAnthropicField(imageBlockSchema, item, at), at);
    const text = validateAnthropicField(textBlockSchema, item, at);
    return withCache<TextPart>({ type: 'text', text: text.text }, toCanonicalCacheControl(text.cache_control));
  });
}

function withCache<T extends { cacheControl?: CacheControl }>(part: T, cacheControl: CacheControl | undefined): T {
  return cacheControl === undefined ? part : { ...part, cacheControl };
}
