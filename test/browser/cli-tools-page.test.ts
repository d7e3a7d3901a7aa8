import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, phone, screenshot, startBrowserHarness } from './browser-harness.js';
import { horizontalOverflow } from './horizontal-overflow.js';

/**
 * The CLI tools page against a temp HOME and a PATH holding only a fake `claude`: detection, then setting Claude Code
 * up (a broken config refused, preview diff, write with backup) and reading the file it wrote.
 */
describe('dashboard CLI tools page', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'omniroute-cli-ui-'));
  const home = join(root, 'home');
  const bin = join(root, 'bin');
  const settingsFile = join(home, '.claude', 'settings.json');
  let browser: BrowserHarness;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(join(home, '.claude'), { recursive: true });
    mkdirSync(bin);
    writeFileSync(join(bin, 'claude'), '#!/bin/sh\necho "9.8.7 (Claude Code)"\n');
    chmodSync(join(bin, 'claude'), 0o755);
    browser = await startBrowserHarness({ env: { HOME: home, PATH: bin } });
    page = await browser.newPage({ loggedIn: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const card = (name: string) => page.locator('section.card').filter({ has: page.getByRole('heading', { name }) });

  it('shows which tools are installed and where their config lives', async () => {
    await browser.open(page, '/cli-tools');
    const claude = card('Claude Code');
    await claude.getByText('installed', { exact: true }).waitFor();
    await claude.getByText('9.8.7 (Claude Code)').waitFor();
    await claude.getByText(settingsFile).waitFor();
    await claude.getByText('not set up').waitFor();
    await card('Codex').getByText('not installed').waitFor();
    // Droid is detected but its config cannot be written yet: no setup button.
    await card('Droid')
      .getByText(/Automatic setup is not available/)
      .waitFor();
    expect(
      await card('Droid')
        .getByRole('button', { name: /Set up/ })
        .count(),
    ).toBe(0);
  });

  it('refuses a config it cannot parse, then previews and writes Claude Code settings with a backup', async () => {
    writeFileSync(settingsFile, '{ not json');
    await page.getByRole('button', { name: 'Set up Claude Code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up Claude Code' });
    await dialog.getByText(/Keys are stored hashed/).waitFor();

    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('Paste a client key.').waitFor();
    await dialog.getByLabel('Client key').fill('sk-omni-browser-test');
    await dialog.getByLabel('Model (optional)').fill('anthropic/claude-sonnet-4');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/could not be read, so it was left untouched/)
      .waitFor();
    expect(readFileSync(settingsFile, 'utf8')).toBe('{ not json');

    writeFileSync(settingsFile, JSON.stringify({ theme: 'dark' }, null, 2));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const diff = dialog.getByLabel('Diff');
    await diff.locator('.cli-diff-add', { hasText: 'ANTHROPIC_BASE_URL' }).waitFor();
    await diff.locator('.cli-diff-del').first().waitFor();
    await screenshot(page, 'cli-tools-preview');
    // A preview writes nothing.
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ theme: 'dark' });

    await dialog.getByRole('button', { name: 'Write' }).click();
    await dialog.getByText(`Wrote ${settingsFile}.`).waitFor();
    const backup = readdirSync(join(home, '.claude')).find((name) =>
      name.startsWith('settings.json.omniroute-backup-'),
    );
    expect(backup).toBeDefined();
    await dialog.getByText(join(home, '.claude', backup!)).waitFor();
    await screenshot(page, 'cli-tools-written');

    const written = JSON.parse(readFileSync(settingsFile, 'utf8'));
    expect(written.env.ANTHROPIC_BASE_URL).toBe(browser.url);
    expect(written.env.ANTHROPIC_AUTH_TOKEN).toBe('sk-omni-browser-test');
    expect(written.model).toBe('anthropic/claude-sonnet-4');
    expect(written.theme).toBe('dark');

    await dialog.getByRole('button', { name: 'Done' }).click();
    await card('Claude Code').getByText('uses this gateway').waitFor();
  });

  it('fits a phone screen', async () => {
    const small = await browser.newPage({ loggedIn: true, viewport: phone });
    await browser.open(small, '/cli-tools');
    await small.getByRole('button', { name: 'Set up Claude Code' }).waitFor();
    await screenshot(small, 'cli-tools-phone');
    expect(await horizontalOverflow(small)).toBe(0);
    await small.getByRole('button', { name: 'Set up Claude Code' }).click();
    await small.getByRole('dialog', { name: 'Set up Claude Code' }).getByLabel('Client key').waitFor();
    expect(await horizontalOverflow(small)).toBe(0);
  });
});
