import { callRow, dial, expect, openTab, rowButton, test, USER_MENU, userMenu } from './fixtures';
import { axeViolations, clippedTexts } from './support/a11y';

test.describe('accessibility and layout', () => {
  test('axe finds no violation on sign-in, idle, ringing, in call, History, Directory and a settings dialog', async ({
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
    // a settings dialog fits a 1366×768 window, its buttons visible
    await b.page.setViewportSize({ width: 1366, height: 768 });
    await userMenu(b.page, 'menuitem', 'Audio settings…');
    const dialog = b.page.getByRole('dialog', { name: 'Audio settings' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
    expect(await axeViolations(b.page), 'Audio settings').toEqual([]);
  });

  test('no text is clipped and nothing overflows, in all four languages, wide and small', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    await dial(a.page, b.ext);
    const row = callRow(b.page, a.ext);
    await rowButton(row, 'Answer').click();
    await expect(row.getByRole('button', { name: 'Hang up' })).toBeVisible();
    const found: string[] = [];
    for (const language of ['English', 'Français', 'Deutsch', 'Italiano']) {
      await userMenu(b.page, 'menuitemradio', language);
      await b.page.keyboard.press('Escape');
      await expect(b.page.getByRole('menu')).toHaveCount(0);
      for (const size of [
        { width: 1366, height: 768 },
        { width: 800, height: 600 },
      ]) {
        await b.page.setViewportSize(size);
        const where = `${language} ${size.width}×${size.height}`;
        found.push(...(await clippedTexts(b.page)).map((p) => `${where}: ${p}`));
        await b.page.getByRole('button', { name: USER_MENU }).click();
        await expect(b.page.getByRole('menu')).toBeVisible();
        found.push(...(await clippedTexts(b.page)).map((p) => `${where}, menu open: ${p}`));
        await b.page.keyboard.press('Escape');
      }
    }
    expect(found).toEqual([]);
  });
});
