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
});
