import type { Page } from '@playwright/test';
import {
  callRow,
  closeSettings,
  dial,
  expect,
  openSettings,
  openTab,
  rowButton,
  test,
  USER_MENU,
} from './fixtures';
import { axeViolations, clippedTexts } from './support/a11y';

test.describe('accessibility and layout', () => {
  test('axe finds no violation on sign-in, idle, ringing, in call, History, Directory, the menu and each Settings section', async ({
    browser,
    baseURL,
    phoneUser,
  }) => {
    const fresh = await browser.newContext({ baseURL, locale: 'en-US' });
    const signInPage = await fresh.newPage();
    await signInPage.goto('/');
    await expect(signInPage.getByRole('form', { name: 'Account' })).toBeVisible();
    expect(await axeViolations(signInPage), 'sign-in').toEqual([]);
    await fresh.close();

    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    expect(await axeViolations(b.page), 'idle').toEqual([]);
    await dial(a.page, b.ext);
    const row = callRow(b.page, a.ext);
    await expect(row).toContainText('Incoming call');
    expect(await axeViolations(b.page), 'ringing').toEqual([]);
    await rowButton(row, 'Answer').click();
    await expect(row).toContainText('In call');
    expect(await axeViolations(b.page), 'in call').toEqual([]);
    await openTab(b.page, 'History');
    expect(await axeViolations(b.page), 'History').toEqual([]);
    await openTab(b.page, 'Directory');
    expect(await axeViolations(b.page), 'Directory').toEqual([]);
    await b.page.getByRole('button', { name: USER_MENU }).click();
    expect(await axeViolations(b.page), 'user menu').toEqual([]);
    await b.page.keyboard.press('Escape');
    // the Settings dialog fits a 1366×768 window, its Close button visible, in every section
    await b.page.setViewportSize({ width: 1366, height: 768 });
    const dialog = await openSettings(b.page, 'Audio');
    for (const tab of await dialog.getByRole('tab').all()) {
      await tab.click();
      const section = (await tab.textContent())?.trim() ?? '';
      await expect(dialog.getByRole('tabpanel', { name: section })).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
      expect(await axeViolations(b.page), `Settings › ${section}`).toEqual([]);
    }
  });

  test('no text is clipped and nothing overflows, in all four languages, wide and small; the menu fits', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    await dial(a.page, b.ext);
    const row = callRow(b.page, a.ext);
    await rowButton(row, 'Answer').click();
    await expect(row.getByRole('button', { name: 'Hang up' })).toBeVisible();
    const found: string[] = [];
    // the Display tab and its Language group, in the language chosen before
    let display: string | RegExp = 'Display';
    for (const language of ['English', 'Français', 'Deutsch', 'Italiano']) {
      const settings = await openSettings(b.page, display);
      await settings.getByRole('radio', { name: language }).check();
      display = /^(Display|Affichage|Anzeige|Aspetto)$/;
      await closeSettings(b.page);
      for (const size of [
        { width: 1366, height: 768 },
        { width: 800, height: 600 },
      ]) {
        await b.page.setViewportSize(size);
        const where = `${language} ${size.width}×${size.height}`;
        found.push(...(await clippedTexts(b.page)).map((p) => `${where}: ${p}`));
        await b.page.getByRole('button', { name: USER_MENU }).click();
        await expectMenuFits(b.page, where);
        found.push(...(await clippedTexts(b.page)).map((p) => `${where}, menu open: ${p}`));
        await b.page.keyboard.press('Escape');
        const dialog = await openSettings(b.page, display);
        for (const tab of await dialog.getByRole('tab').all()) {
          await tab.click();
          const section = (await tab.textContent())?.trim();
          found.push(...(await clippedTexts(b.page)).map((p) => `${where}, Settings › ${section}: ${p}`));
        }
        await closeSettings(b.page);
      }
    }
    expect(found).toEqual([]);
  });
});

/** the open user menu lies inside the window, Log out visible, with nothing to scroll */
async function expectMenuFits(page: Page, where: string): Promise<void> {
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const panel = await menu.evaluate((el) => {
    const box = (el.parentElement ?? el).getBoundingClientRect();
    return {
      top: box.top,
      bottom: box.bottom,
      left: box.left,
      right: box.right,
      scrolls: el.scrollHeight > el.clientHeight,
    };
  });
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  expect(panel, `${where}: menu inside the window`).toMatchObject({ scrolls: false });
  expect(panel.top >= 0 && panel.left >= 0, `${where}: menu top left`).toBe(true);
  expect(
    panel.bottom <= viewport.height && panel.right <= viewport.width,
    `${where}: menu bottom right`,
  ).toBe(true);
  await expect(menu.getByRole('menuitem').last(), `${where}: Log out visible`).toBeInViewport({ ratio: 1 });
}
