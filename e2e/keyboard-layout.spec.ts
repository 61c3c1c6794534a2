import type { Page } from '@playwright/test';
import {
  callRow,
  dial,
  expect,
  registration,
  rowButton,
  SIP_DOMAIN,
  test,
  waitForAudio,
  WS_URL,
  type Phone,
} from './fixtures';

/** Tab (at most 30 times) until the focused control is the one labelled `label`, as a keyboard user would */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const id = el?.id;
      const byFor = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
      return (byFor ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
    });
    if (focused === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${label}`);
}

/** Signs in with the keyboard only: Tab to each field, type, Enter on the disclosure and the form. */
async function keyboardSignIn(page: Page, ext: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('form', { name: 'Account' })).toBeVisible();
  for (const [label, value] of [
    ['SIP user', ext],
    ['Password', `pw${ext}`],
    ['SIP domain', SIP_DOMAIN],
  ] as const) {
    await tabTo(page, label);
    await page.keyboard.press('ControlOrMeta+A'); // replace a default the build may fill in
    await page.keyboard.type(value);
  }
  const advanced = page.getByRole('button', { name: 'Advanced settings' });
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') {
    await tabTo(page, 'Advanced settings');
    await page.keyboard.press('Enter');
  }
  await tabTo(page, 'WebSocket URL');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(WS_URL);
  await page.keyboard.press('Enter');
  await expect(registration(page)).toHaveText('Registered', { timeout: 15_000 });
}

/** the focus is on a control, never dropped to the page */
async function focusIsSomewhere(phone: Phone): Promise<void> {
  await expect
    .poll(() => phone.page.evaluate(() => document.activeElement?.tagName ?? 'BODY'))
    .not.toBe('BODY');
}

test.describe('small windows and the keyboard', () => {
  test('an incoming call can be answered without scrolling from a 360×480 to a 2560×1440 window', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    for (const size of [
      { width: 360, height: 480 },
      { width: 800, height: 600 },
      { width: 1366, height: 768 },
      { width: 2560, height: 1440 },
    ]) {
      await b.page.setViewportSize(size);
      await dial(a.page, b.ext);
      const answer = rowButton(callRow(b.page, a.ext), 'Answer');
      await expect(answer).toBeInViewport({ ratio: 1 });
      const box = await answer.boundingBox();
      expect(box && box.y + box.height <= size.height, `Answer inside ${size.width}×${size.height}`).toBe(
        true,
      );
      // nothing wider than the window
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        size.width,
      );
      await rowButton(callRow(a.page, b.ext), 'Hang up').click();
      await expect(rowButton(callRow(b.page, a.ext), 'Answer')).toHaveCount(0);
    }
  });

  test('sign in, dial, answer, hold, resume, transfer and hang up with the keyboard only', async ({
    browser,
    baseURL,
    phoneUser,
  }) => {
    const [b, c] = await Promise.all([phoneUser('1002'), phoneUser('1003')]);
    const context = await browser.newContext({ baseURL, permissions: ['microphone'], locale: 'en-US' });
    const a = { ext: '1001', name: '1001', page: await context.newPage(), context } satisfies Phone;
    await keyboardSignIn(a.page, a.ext);
    // signed in: the focus waits in the number field
    await expect(a.page.getByRole('combobox', { name: /number/i })).toBeFocused();
    // A: Alt+N goes to the number field, Enter dials
    await a.page.keyboard.press('Alt+N');
    await expect(a.page.getByRole('combobox', { name: /number/i })).toBeFocused();
    await a.page.keyboard.type(b.ext);
    await a.page.keyboard.press('Enter');
    const rowB = callRow(b.page, a.ext);
    await expect(rowB).toContainText('Incoming call');

    // B: Alt+A answers; the focus lands on Hang up in the same row
    await b.page.keyboard.press('Alt+A');
    await expect(rowB).toContainText('In call');
    await expect(rowButton(rowB, 'Hang up')).toBeFocused();
    await waitForAudio(b);

    // B: Alt+O holds and resumes; Enter on the focused button does the same
    await b.page.keyboard.press('Alt+O');
    await expect(rowB).toContainText('On hold');
    await rowButton(rowB, 'Resume').focus();
    await b.page.keyboard.press('Enter');
    await expect(rowB).toContainText('In call');
    await expect(rowButton(rowB, 'Hold')).toBeFocused();

    // B: Alt+T starts a transfer and puts the focus in the number field; Enter transfers to C
    await b.page.keyboard.press('Alt+T');
    await expect(b.page.getByRole('combobox', { name: /number/i })).toBeFocused();
    await b.page.keyboard.type(c.ext);
    await b.page.keyboard.press('Enter');
    const rowC = callRow(c.page, a.ext);
    await expect(rowC).toContainText('Incoming call');
    await c.page.keyboard.press('Alt+A');
    await expect(rowC).toContainText('In call');
    await focusIsSomewhere(b);

    // C: Alt+H hangs up; the focus goes back to the number field
    await c.page.keyboard.press('Alt+H');
    await expect(callRow(a.page, c.ext)).toHaveCount(0, { timeout: 10_000 });
    await focusIsSomewhere(c);

    // ? lists the shortcuts
    await c.page.getByRole('tab', { name: 'History' }).focus();
    await c.page.keyboard.press('Shift+Slash');
    const help = c.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('Alt+H');
    await c.page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    await context.close();
  });
});
