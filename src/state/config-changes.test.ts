import { describe, expect, it, vi } from 'vitest';
import { ConfigChanges } from './config-changes.js';

/** A reload whose end the test decides. */
function gatedReload() {
  const calls: Array<() => void> = [];
  const reload = () =>
    new Promise<void>((resolve) => {
      calls.push(resolve);
    });
  return { reload, calls };
}

describe('ConfigChanges', () => {
  it('never runs two reloads at once, and folds the changes announced meanwhile into one more', async () => {
    const changes = new ConfigChanges();
    const { reload, calls } = gatedReload();
    changes.onChange(reload);
    const first = changes.reload();
    const second = changes.reload();
    const third = changes.reload();
    expect(calls).toHaveLength(1);
    calls[0]?.();
    await first;
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    calls[1]?.();
    await Promise.all([second, third]);
    expect(calls).toHaveLength(2);
  });

  it('still reloads the rest when one reloader fails, and reports the failure', async () => {
    const changes = new ConfigChanges();
    let reloaded = 0;
    changes.onChange(async () => {
      throw new Error('database away');
    });
    changes.onChange(async () => {
      reloaded += 1;
    });
    await expect(changes.reload()).rejects.toThrow('database away');
    expect(reloaded).toBe(1);
    await expect(changes.reload()).rejects.toThrow('database away');
    expect(reloaded).toBe(2);
  });
});
