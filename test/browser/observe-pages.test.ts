import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, phone, screenshot, startBrowserHarness } from './browser-harness.js';
import { horizontalOverflow } from './horizontal-overflow.js';

/** Playground chat → request logs → usage, then health and the translator, against the mock upstream. */
describe('dashboard: playground, request logs, usage, health', () => {
  let browser: BrowserHarness;
  beforeAll(async () => {
    browser = await startBrowserHarness();
    const harness = browser.harness!;
    await harness.connect({ provider: 'openai', apiKey: 'sk-upstream-1', baseUrl: `${browser.mock.url}/v1` });
    const combo = await harness.manage('POST', '/api/combos', { name: 'browser-combo', models: ['openai/gpt-4.1'] });
    expect(combo.status).toBe(201);
  });
  afterAll(() => browser?.stop());

  it('chats with streaming in the playground, and stops a slow answer', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/playground');
    await page.getByLabel('Model or combo').fill('openai/gpt-4.1');
    await page.getByLabel('Message').fill('Hello from the browser');
    await page.getByRole('button', { name: 'Send' }).click();
    const assistant = page.locator('[data-role="assistant"]').last();
    await expect.poll(() => assistant.locator('.chat-content').textContent()).toContain('Hello from the browser');
    await expect.poll(() => page.getByTestId('chat-timing').last().textContent()).toMatch(/out tokens.*total/);
    await expect(page.getByTestId('chat-timing').last().textContent()).resolves.toContain('provider=openai');
    // The request really streamed upstream.
    expect(browser.mock.requests.at(-1)?.body).toMatchObject({ stream: true, model: 'gpt-4.1' });

    // A slow stream (one word every 400 ms) is cut by Stop.
    await page.getByLabel('Model or combo').fill('browser-combo');
    await page.getByLabel('Message').fill('Please take your time [[mock:trickle=400]]');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Stopped.').waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await screenshot(page, 'playground-desktop');
  });

  it('lists the playground request in the request logs, with filters in the URL and a detail drawer', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/logs');
    const row = page.getByRole('row', { name: /gpt-4\.1/ }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('dashboard');
    await screenshot(page, 'logs-desktop');

    await row.click();
    const drawer = page.getByRole('dialog', { name: 'Request details' });
    await drawer.getByTestId('route-trace').waitFor();
    await expect(drawer.getByTestId('route-trace').textContent()).resolves.toMatch(
      /openai\/gpt-4\.1.*account openai\//,
    );
    expect(page.url()).toContain('log=');
    await screenshot(page, 'logs-drawer');
    await page.keyboard.press('Escape');

    await page.getByLabel('Status').selectOption('5xx');
    await page.getByText('No request matches these filters').waitFor();
    expect(page.url()).toContain('status=5xx');
    // The filter survives a reload.
    await page.reload();
    await page.getByText('No request matches these filters').waitFor();
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('5xx');
  });

  it('counts the requests in usage, with a chart and the top models', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/usage?groupBy=model');
    await page.getByRole('img', { name: /requests per hour by model/ }).waitFor();
    const requests = page
      .locator('.stat')
      .filter({ has: page.locator('.stat-label', { hasText: /^Requests$/ }) })
      .locator('.stat-value');
    await expect.poll(async () => Number(await requests.textContent())).toBeGreaterThanOrEqual(2);
    await expect(page.locator('.card', { hasText: 'Top models' }).textContent()).resolves.toContain('openai/gpt-4.1');
    await expect(page.locator('.card', { hasText: 'Top keys' }).textContent()).resolves.toContain('dashboard');
    await page.getByRole('tab', { name: 'Cost' }).click();
    await page.getByRole('img', { name: /cost per hour by model/ }).waitFor();
    expect(page.url()).toContain('metric=cost');
    await screenshot(page, 'usage-desktop');
  });

  it('shows health with auto-refresh', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/health');
    await page.locator('.stat', { hasText: 'Status' }).getByText('OK').waitFor();
    await page.getByText('All clear').waitFor();
    await expect(page.getByRole('switch', { name: 'Auto-refresh' }).isChecked()).resolves.toBe(true);
    await page.getByRole('row', { name: /openai\/openai/ }).waitFor();
    // Where each concern lives: SQLite and this process's memory without DATABASE_URL and REDIS_URL.
    await page.getByRole('row', { name: /Storage\s*sqlite\s*up/ }).waitFor();
    await page.getByRole('row', { name: /Rate limits\s*local\s*up/ }).waitFor();
    await screenshot(page, 'health-desktop');
  });

  it('shows how a request is translated between formats', async () => {
    const page = await browser.newPage({ loggedIn: true });
    await browser.open(page, '/playground?view=translator');
    await page.getByLabel('Upstream format').selectOption('gemini');
    await page.getByRole('button', { name: 'Translate' }).click();
    const result = page.getByTestId('translation-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/generateContent[\s\S]*systemInstruction/);
    await screenshot(page, 'translator-desktop');
    // A broken body is refused with the field named, not sent anywhere.
    await page.getByLabel('Request body (JSON)').fill('{"model": "x", "messages": "nope"}');
    await page.getByRole('button', { name: 'Translate' }).click();
    await page
      .getByText(/messages/)
      .first()
      .waitFor();
    await expect(page.getByLabel('Request body (JSON)').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('lays the pages out at phone width and in the dark theme', async () => {
    // Logged in at desktop width (the phone layout hides the navigation the login helper waits for), then narrowed.
    const page = await browser.newPage({ loggedIn: true, colorScheme: 'dark' });
    await page.setViewportSize(phone);
    for (const [path, name] of [
      ['/playground', 'playground'],
      ['/logs', 'logs'],
      ['/usage', 'usage'],
      ['/health', 'health'],
    ] as const) {
      await browser.open(page, path);
      await page.locator('.page-header h1').waitFor();
      // Nothing wider than the screen: the page itself never scrolls sideways.
      const overflow = await horizontalOverflow(page);
      expect(overflow, `${path} overflows at phone width`).toBeLessThanOrEqual(1);
      await screenshot(page, `${name}-phone-dark`);
    }
  });
});
