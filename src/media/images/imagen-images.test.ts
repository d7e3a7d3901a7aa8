import { describe, expect, it } from 'vitest';
import { aspectRatioFor } from './imagen-images.js';

describe('aspectRatioFor', () => {
  it('maps OpenAI sizes to the nearest Imagen aspect ratio', () => {
    expect(aspectRatioFor('1024x1024')).toBe('1:1');
    expect(aspectRatioFor('1792x1024')).toBe('16:9');
    expect(aspectRatioFor('1024x1792')).toBe('9:16');
    expect(aspectRatioFor('1536x1024')).toBe('4:3');
    expect(aspectRatioFor('1024x1536')).toBe('3:4');
  });

  it('leaves the default for auto, absent or unreadable sizes', () => {
    expect(aspectRatioFor(undefined)).toBeUndefined();
    expect(aspectRatioFor('auto')).toBeUndefined();
    expect(aspectRatioFor('0x0')).toBeUndefined();
  });
});
