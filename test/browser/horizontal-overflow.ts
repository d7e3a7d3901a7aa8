import type { Page } from 'playwright-core';

/** How many pixels the page is wider than the window (0: nothing scrolls sideways). Evaluated in the page. */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, not a function: the test tsconfig has no DOM types.
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}
