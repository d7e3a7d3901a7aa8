import { describe, expect, it } from 'vitest';
import { SessionPins } from './session-pins.js';

describe('SessionPins', () => {
  it('expires pins after the TTL and refreshes on use', () => {
    let now = 0;
    const pins = new SessionPins(1000, () => now);
    pins.pin('s1', 'openai', 'a');
    now = 900;
    expect(pins.get('s1', 'openai')).toBe('a');
    pins.pin('s1', 'openai', 'a');
    now = 1800;
    expect(pins.get('s1', 'openai')).toBe('a');
    now = 3000;
    expect(pins.get('s1', 'openai')).toBeUndefined();
  });

  it('stays bounded whatever session ids clients invent, dropping the least recently used', () => {
    const pins = new SessionPins(60_000, () => 0, 3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) pins.pin(id, 'p', 'conn');
    expect(pins.list().map((pin) => pin.sessionId)).toEqual(['c', 'd', 'e']);
    pins.pin('c', 'p', 'conn');
    pins.pin('f', 'p', 'conn');
    expect(pins.list().map((pin) => pin.sessionId)).toEqual(['e', 'c', 'f']);
  });

  it('tells its observer of pins made here, but not of pins adopted from another process', () => {
    let now = 0;
    const pins = new SessionPins(1000, () => now);
    const changes: string[] = [];
    pins.observe((change) => changes.push(change.kind === 'pin' ? `pin ${change.pin.connectionId}` : 'unpin'));
    pins.pin('s1', 'openai', 'a');
    pins.unpin('s1', 'openai');
    pins.adopt('s1', 'openai', 'b', 500);
    expect(changes).toEqual(['pin a', 'unpin']);
    expect(pins.get('s1', 'openai')).toBe('b');
    now = 500;
    expect(pins.get('s1', 'openai')).toBeUndefined();
    pins.adopt('s2', 'openai', 'c', 2000);
    pins.adopt('s2', 'openai', undefined, 2000);
    expect(pins.get('s2', 'openai')).toBeUndefined();
  });
});
