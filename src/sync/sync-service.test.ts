import { describe, expect, it, vi } from 'vitest';
import type { SyncPairing, SyncStatusRecord } from './sync-client-store.js';
import { SyncService, type SyncServiceOptions } from './sync-service.js';

const minute = 60_000;

function service({
  intervalMinutes = 15,
  pairing,
  lastSyncAt = null,
  lastErrorAt,
}: {
  intervalMinutes?: number;
  pairing?: Partial<SyncPairing>;
  lastSyncAt?: number | null;
  lastErrorAt?: number;
}) {
  const status: SyncStatusRecord = {
    lastSyncAt,
    lastPullAt: null,
    lastPushAt: null,
    hubVersion: null,
    conflicts: [],
    lastError: lastErrorAt === undefined ? null : { message: 'down', code: 'x', action: 'sync', at: lastErrorAt },
  };
  const options = {
    settings: { value: { sync: { hubEnabled: false, intervalMinutes, timeoutSeconds: 10 } } },
    store: {
      pairing: async () =>
        pairing && { hubUrl: 'http://hub', space: 'default', enabled: true, pairedAt: 0, ...pairing },
      status: async () => status,
    },
  } as unknown as SyncServiceOptions;
  const sync = new SyncService(options);
  const run = vi.spyOn(sync, 'run').mockResolvedValue({ applied: [], conflicts: [], pulled: true, pushedVersion: 1 });
  return { sync, run };
}

describe('background sync', () => {
  it('syncs a paired, enabled instance once the interval has passed', async () => {
    const { sync, run } = service({ pairing: {}, lastSyncAt: Date.now() - 16 * minute });
    await sync.tick();
    expect(run).toHaveBeenCalledWith('sync');
  });

  it('waits for the interval, also after a failure', async () => {
    const recent = service({ pairing: {}, lastSyncAt: Date.now() - 5 * minute });
    await recent.sync.tick();
    expect(recent.run).not.toHaveBeenCalled();
    const failed = service({ pairing: {}, lastSyncAt: 0, lastErrorAt: Date.now() - minute });
    await failed.sync.tick();
    expect(failed.run).not.toHaveBeenCalled();
  });

  it('stays idle when not paired, disabled, or the interval is 0', async () => {
    for (const setup of [{}, { pairing: { enabled: false } }, { pairing: {}, intervalMinutes: 0 }]) {
      const { sync, run } = service(setup);
      await sync.tick();
      expect(run).not.toHaveBeenCalled();
    }
  });
});
