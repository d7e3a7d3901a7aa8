import { describe, expect, it } from 'vitest';
import { detectImageMediaType, parseOllamaImage } from './detect-image-media-type.js';

describe('detectImageMediaType', () => {
  it('recognises png, jpeg, gif and webp signatures', () => {
    expect(detectImageMediaType('iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB')).toBe('image/png');
    expect(detectImageMediaType('/9j/4AAQSkZJRgABAQAAAQABAAD')).toBe('image/jpeg');
    expect(detectImageMediaType('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7')).toBe('image/gif');
    expect(detectImageMediaType('UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=')).toBe('image/webp');
  });

  it('falls back to png for unknown or short data', () => {
    expect(detectImageMediaType('AAAA')).toBe('image/png');
    expect(detectImageMediaType('')).toBe('image/png');
  });

  it('unwraps a data URL some clients send instead of bare base64', () => {
    expect(parseOllamaImage('data:image/webp;base64,UklGRg==')).toEqual({ mediaType: 'image/webp', data: 'UklGRg==' });
  });
});
