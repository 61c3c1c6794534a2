/**
 * Colour theme: the app follows the browser's colour scheme, the Theme choice in Settings overrides
 * it, and the sign-in page passes axe-core in both themes (contrast included). The screenshots land
 * in the test's output folder (test-results/…) for the README.
 */
import type { Page } from '@playwright/test';
import axe from 'axe-core';
import { closeSettings, expect, openSettings, test } from './fixtures';

/** the page's background as the user sees it: mean of its sRGB channels, 0 (black) … 255 (white) */
async function backgroundLevel(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const channels = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  return channels.reduce((sum, c) => sum + c, 0) / 3;
}

/** axe-core's violations on the page, as `rule (n nodes)`; evaluate is not bound by the app's CSP */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const { axe: injected } = window as unknown as { axe: typeof axe };
    const { violations } = await injected.run(document);
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test.describe('colour theme', () => {
  test('follows a dark system scheme; Settings › Display › Theme "Light" switches to light', async ({
    phoneUser,
  }, testInfo) => {
    const u = await phoneUser('1006');
    await u.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => backgroundLevel(u.page), 'dark background').toBeLessThan(60);
    await u.page.screenshot({ path: testInfo.outputPath('phone-dark.png') });

    const display = await openSettings(u.page, 'Display');
    await display.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => backgroundLevel(u.page), 'light background').toBeGreaterThan(200);
    await closeSettings(u.page);
    await u.page.screenshot({ path: testInfo.outputPath('phone-light.png') });
  });

  test('the sign-in form fits 1366×768 and has no axe violations in either theme', async ({
    browser,
    baseURL,
  }, testInfo) => {
    const context = await browser.newContext({
      baseURL,
      locale: 'en-US',
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    await page.goto('/');
    const form = page.getByRole('form', { name: 'Account' });
    await expect(form).toBeVisible({ timeout: 15_000 });
    await expect(form.getByRole('button', { name: 'Sign in' })).toBeInViewport({ ratio: 1 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), `axe, ${colorScheme} theme`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`sign-in-${colorScheme}.png`) });
    }
    await context.close();
  });
});
