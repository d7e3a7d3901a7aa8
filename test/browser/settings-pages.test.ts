import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, phone, screenshot, startBrowserHarness } from './browser-harness.js';
import { horizontalOverflow } from './horizontal-overflow.js';

describe('dashboard: settings and backups', () => {
  let browser: BrowserHarness;
  beforeAll(async () => {
    browser = await startBrowserHarness();
  });
  afterAll(() => browser?.stop());

  it('saves a setting that survives a reload, and names a refused field', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/settings');
    const detailed = page.getByRole('switch', { name: 'Detailed request logging' });
    await expect(detailed.isChecked()).resolves.toBe(false);
    await detailed.check({ force: true });
    await page.getByLabel('Keep logs (days)').fill('14');
    await page.getByLabel('Keep audit log (days)').fill('400');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('General settings saved.').waitFor();
    await screenshot(page, 'settings-desktop');

    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'Detailed request logging' }).isChecked()).toBe(true);
    await expect(page.getByLabel('Keep logs (days)').inputValue()).resolves.toBe('14');
    const stored = await browser.harness!.manage('GET', '/api/settings');
    expect(stored.body.requestLogs).toMatchObject({ detailed: true, retentionDays: 14 });
    expect(stored.body.auditLog).toEqual({ retentionDays: 400 });
    await expect(page.getByLabel('Keep audit log (days)').inputValue()).resolves.toBe('400');

    // Out of range: the server's message shows under the field it named.
    await page.getByLabel('Body size limit (bytes)').fill('10');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByLabel('Body size limit (bytes)').getAttribute('aria-invalid')).toBe('true');
    await page
      .getByText(/maxBodyBytes/)
      .first()
      .waitFor();
  });

  it('edits routing, AI and proxy settings', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/settings?section=routing');
    await page.getByLabel('Account strategy').selectOption('round-robin');
    await page.getByRole('button', { name: 'Save routing' }).click();
    await page.getByText('Routing settings saved.').waitFor();
    const resilience = await browser.harness!.manage('GET', '/api/resilience');
    expect(resilience.body.settings.routing.accountStrategy).toBe('round-robin');
    await screenshot(page, 'settings-routing');

    await page.getByRole('tab', { name: 'AI' }).click();
    await page.getByLabel('Mode').selectOption('custom');
    await page.getByLabel('Budget (tokens)').fill('2048');
    await page.getByRole('button', { name: 'Save thinking budget' }).click();
    await page.getByText('Thinking budget saved.').waitFor();
    const settings = await browser.harness!.manage('GET', '/api/settings');
    expect(settings.body.thinkingBudget).toEqual({ mode: 'custom', budgetTokens: 2048 });
    await screenshot(page, 'settings-ai');

    await page.getByRole('tab', { name: 'Proxy' }).click();
    await page.getByLabel('Proxy URL').fill('ftp://nope');
    await page.getByRole('button', { name: 'Save proxy' }).click();
    await expect.poll(() => page.getByLabel('Proxy URL').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Proxy URL').fill('');
    await page.getByLabel('Test URL').fill(`${browser.mock.url}/v1/models`);
    await page.getByRole('button', { name: 'Test proxy' }).click();
    await expect.poll(() => page.getByTestId('proxy-test-result').textContent()).toContain('reachable');
    await screenshot(page, 'settings-proxy');
  });

  it('backs up, then restores the backup (undoing a later change)', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/settings?section=backups');
    await page.getByText('No backups yet').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText('Backup created.').waitFor();
    const row = page.getByRole('row', { name: /manual/ });
    await row.waitFor();
    await screenshot(page, 'settings-backups');

    // A change after the backup: the restore must undo it.
    const created = await browser.harness!.manage('POST', '/api/keys', { name: 'made-after-backup' });
    expect(created.status).toBe(201);

    await row.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText(/Restoring omniroute_/).waitFor();
    // After the restart the list shows the safety backup taken before the restore.
    await expect
      .poll(async () => (await browser.harness!.manage('GET', '/api/db-backups')).body?.backups?.length ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(2);
    const keys = await browser.harness!.manage('GET', '/api/keys');
    expect(keys.body.keys.map((key: { name: string }) => key.name)).not.toContain('made-after-backup');
  });

  it('shows the audit log, also at phone width in the dark theme', async () => {
    const page = await browser.newPage({ loggedIn: true, colorScheme: 'dark' });
    await browser.open(page, '/settings?section=audit');
    await page.getByRole('row', { name: /login/ }).first().waitFor();
    await screenshot(page, 'settings-audit');
    await page.setViewportSize(phone);
    for (const section of ['general', 'security', 'backups']) {
      await browser.open(page, `/settings?section=${section}`);
      await page.locator('.card').first().waitFor();
      const overflow = await horizontalOverflow(page);
      expect(overflow, `${section} overflows at phone width`).toBeLessThanOrEqual(1);
      await screenshot(page, `settings-${section}-phone-dark`);
    }
  });
});
