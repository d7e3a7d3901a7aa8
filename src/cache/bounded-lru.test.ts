import { describe, expect, it } from 'vitest';
import { BoundedLru } from './bounded-lru.js';

describe('BoundedLru', () => {
  it('evicts the least recently used entry beyond the entry limit', () => {
    const lru = new BoundedLru<string>({ maxEntries: 2, maxBytes: 1000 });
    lru.set('a', 'A', 1);
    lru.set('b', 'B', 1);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 1);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.size).toBe(2);
  });

  it('evicts beyond the byte limit and refuses an entry larger than it', () => {
    const lru = new BoundedLru<string>({ maxEntries: 10, maxBytes: 10 });
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    lru.set('c', 'C', 4);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(8);
    lru.set('huge', 'H', 11);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(2);
  });

  it('replaces an entry in place and shrinks on resize', () => {
    const lru = new BoundedLru<string>({ maxEntries: 5, maxBytes: 100 });
    lru.set('a', 'A', 10);
    lru.set('a', 'A2', 20);
    expect(lru.bytes).toBe(20);
    lru.set('b', 'B', 10);
    lru.resize({ maxEntries: 1, maxBytes: 100 });
    expect(lru.size).toBe(1);
    expect(lru.get('b')).toBe('B');
    lru.clear();
    expect(lru.bytes).toBe(0);
  });
});
