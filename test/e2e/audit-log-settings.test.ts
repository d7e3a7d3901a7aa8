import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';

let harness: GatewayHarness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

describe('audit-log retention setting', () => {
  it('defaults to 90 days, round-trips through /api/settings and survives a restart', async () => {
    expect((await harness.manage('GET', '/api/settings')).body.auditLog).toEqual({ retentionDays: 90 });

    const saved = await harness.manage('PATCH', '/api/settings', { auditLog: { retentionDays: 365 } });
    expect(saved.status).toBe(200);
    expect(saved.body.auditLog).toEqual({ retentionDays: 365 });
    // Other sections are untouched.
    expect(saved.body.requestLogs.retentionDays).toBe(30);

    await harness.stop({ keepData: true });
    harness = await startHarness({ dataDir: harness.dataDir });
    expect((await harness.manage('GET', '/api/settings')).body.auditLog).toEqual({ retentionDays: 365 });

    // 0 keeps the audit log forever.
    const forever = await harness.manage('PATCH', '/api/settings', { auditLog: { retentionDays: 0 } });
    expect(forever.body.auditLog).toEqual({ retentionDays: 0 });
  });

  it('refuses a negative, fractional or unknown value, naming the field', async () => {
    for (const [auditLog, param] of [
      [{ retentionDays: -1 }, 'auditLog.retentionDays'],
      [{ retentionDays: 1.5 }, 'auditLog.retentionDays'],
      [{ retentionDays: 'forever' }, 'auditLog.retentionDays'],
      [{ keepDays: 3 }, 'auditLog.keepDays'],
    ] as const) {
      const { status, body } = await harness.manage('PATCH', '/api/settings', { auditLog });
      expect(status).toBe(400);
      expect(body.error.param).toBe(param);
    }
    expect((await harness.manage('GET', '/api/settings')).body.auditLog.retentionDays).toBe(0);
  });
});
