import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, phone, screenshot, startBrowserHarness } from './browser-harness.js';
import { horizontalOverflow } from './horizontal-overflow.js';

const suite = {
  name: 'browser-suite',
  cases: [
    // The mock upstream echoes the prompt back, so the first case passes and the second fails.
    { name: 'echo', prompt: 'ping', checks: [{ type: 'contains', value: 'ping' }] },
    { name: 'impossible', prompt: 'pong', checks: [{ type: 'contains', value: 'never-there' }] },
  ],
};

/** The Evals page, clicked through: write a suite, run it on the mock, read the score and why a case failed. */
describe('dashboard evals page', { timeout: 180_000 }, () => {
  let browser: BrowserHarness;
  let page: Page;
  beforeAll(async () => {
    browser = await startBrowserHarness();
    await browser.harness!.connect({ provider: 'openai', apiKey: 'sk-openai', baseUrl: `${browser.mock.url}/v1` });
    page = await browser.newPage({ loggedIn: true });
  }, 180_000);
  afterAll(() => browser?.stop());

  it('creates a suite (showing the validation error first), runs it and shows the score and the failed reason', async () => {
    await browser.open(page, '/evals');
    await page.getByRole('cell', { name: 'json-output', exact: true }).waitFor();

    await page.getByRole('button', { name: 'New suite' }).click();
    const editor = page.getByRole('dialog', { name: 'New eval suite' });
    await editor.getByLabel('Suite JSON').fill(JSON.stringify({ name: 'browser-suite', cases: [{ prompt: 'x' }] }));
    await editor.getByRole('button', { name: 'Save suite' }).click();
    await editor.getByText(/checks/).waitFor();
    await editor.getByLabel('Suite JSON').fill('{ not json');
    await editor.getByRole('button', { name: 'Save suite' }).click();
    await editor.getByText(/Not valid JSON/).waitFor();
    await editor.getByLabel('Suite JSON').fill(JSON.stringify(suite, null, 2));
    await editor.getByRole('button', { name: 'Save suite' }).click();
    await editor.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'browser-suite', exact: true }).waitFor();

    // An unknown target is refused under its field; a real one starts the run.
    await page.getByLabel('Suite', { exact: true }).selectOption({ label: 'browser-suite' });
    await page.getByLabel('Targets').fill('nosuch/model');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByText(/Invalid 'targets\.0'/).waitFor();
    await page.getByLabel('Targets').fill('openai/gpt-4.1');
    await page.getByRole('button', { name: 'Start run' }).click();

    const drawer = page.getByRole('dialog', { name: /^Run / });
    await drawer.getByText('finished', { exact: true }).waitFor();
    await drawer.getByRole('cell', { name: '50%' }).waitFor();
    await drawer.getByRole('cell', { name: 'contains: answer does not contain "never-there"' }).waitFor();
    await screenshot(page, 'evals-run');

    await drawer.getByRole('button', { name: 'Answer of impossible on openai/gpt-4.1' }).click();
    const answer = page.getByRole('dialog', { name: 'impossible on openai/gpt-4.1' });
    await answer.getByText(/pong/).first().waitFor();
    await screenshot(page, 'evals-answer');
    await answer.getByRole('button', { name: /close/i }).click();

    // Re-run, then compare the two runs side by side.
    await drawer.getByRole('button', { name: 'Re-run' }).click();
    await expect
      .poll(async () => (await browser.harness!.manage('GET', '/api/evals')).body.runs.length, { timeout: 20_000 })
      .toBe(2);
    await page.getByRole('dialog', { name: /^Run / }).getByText('finished', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: /^Run / }).waitFor({ state: 'detached' });
    for (const box of await page.getByRole('checkbox', { name: /^Select run / }).all()) await box.check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    const compare = page.getByRole('dialog', { name: 'Compare runs' });
    await compare.getByRole('cell', { name: 'impossible', exact: true }).waitFor();
    await screenshot(page, 'evals-compare');
  });

  it('fits a phone screen', async () => {
    const small = await browser.newPage({ loggedIn: true, viewport: phone });
    await browser.open(small, '/evals');
    await small.getByRole('cell', { name: 'json-output', exact: true }).waitFor();
    await screenshot(small, 'evals-phone');
    expect(await horizontalOverflow(small)).toBe(0);
  });
});
