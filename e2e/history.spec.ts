import { execFileSync } from 'node:child_process';
import { chromium, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import {
  callRow,
  dial,
  establishCall,
  expect,
  openTab,
  rowButton,
  signIn,
  test,
  type Phone,
} from './fixtures';

function historyList(page: Page): Locator {
  return page.getByRole('list', { name: 'Call history' });
}

/** the history row whose accessible name contains all the given words */
function historyRow(page: Page, ...words: string[]): Locator {
  const pattern = new RegExp(words.map((w) => `(?=.*${w})`).join(''));
  return historyList(page).getByRole('listitem', { name: pattern });
}

test.describe('call history', () => {
  test('answered, missed and declined calls are kept across a reload; missed filter; call back', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);

    // 1. answered, then hung up
    const { rowA } = await establishCall(a, b);
    await rowButton(rowA, 'Hang up').click();
    await expect(callRow(b.page, a.ext)).toHaveCount(0, { timeout: 6_000 });

    // 2. missed: A gives up while B rings (ended rows linger a few seconds first)
    await expect(callRow(a.page, b.ext)).toHaveCount(0, { timeout: 8_000 });
    await dial(a.page, b.ext);
    await expect(callRow(b.page, a.ext)).toContainText('Incoming call');
    await rowButton(callRow(a.page, b.ext), 'Hang up').click();
    await expect(callRow(b.page, a.ext).getByRole('button', { name: 'Answer' })).toHaveCount(0);

    // 3. declined by B
    await expect(callRow(a.page, b.ext)).toHaveCount(0, { timeout: 8_000 });
    await dial(a.page, b.ext);
    await rowButton(callRow(b.page, a.ext), 'Decline').click();
    await expect(callRow(a.page, b.ext)).toContainText('Declined');

    // the tab counts the unseen missed call
    await expect(b.page.getByRole('tab', { name: /History.*1 missed call/ })).toBeVisible();
    await openTab(b.page, 'History');
    await expect(b.page.getByRole('tab', { name: /missed/ })).toHaveCount(0);
    await expect(historyList(b.page).getByRole('listitem')).toHaveCount(3);
    await expect(historyList(b.page).getByRole('heading', { name: 'Today' })).toHaveCount(1);
    await expect(historyRow(b.page, '1001', 'Missed')).toHaveCount(1);
    await expect(historyRow(b.page, '1001', 'Declined')).toHaveCount(1);
    await expect(historyRow(b.page, '1001', 'Incoming')).toHaveCount(2); // answered and declined
    await openTab(a.page, 'History');
    await expect(historyList(a.page).getByRole('listitem', { name: /Outgoing/ })).toHaveCount(3);

    // IndexedDB keeps it: reload the page (the saved account signs in again)
    await b.page.reload();
    await openTab(b.page, 'History');
    await expect(historyList(b.page).getByRole('listitem')).toHaveCount(3);

    await b.page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Missed' }).click();
    await expect(historyList(b.page).getByRole('listitem')).toHaveCount(1);
    const missed = historyRow(b.page, '1001', 'Missed');
    await expect(missed).toBeVisible();

    // call back from the missed call (once A's declined row has gone)
    await expect(callRow(a.page, b.ext)).toHaveCount(0, { timeout: 8_000 });
    await missed.getByRole('button', { name: 'Call back' }).click();
    await expect(callRow(a.page, b.ext)).toContainText('Incoming call');
    await rowButton(callRow(a.page, b.ext), 'Decline').click();
  });

  test('a call in progress when the browser dies is shown as interrupted', async ({ phoneUser, baseURL }) => {
    // B runs in its own browser with an on-disk profile, so it can be killed like a real crash
    // (no pagehide, no chance to write the end of the call) and started again on the same data.
    const a = await phoneUser('1001');
    const profile = test.info().outputPath('profile-1002');
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS],
        headless: true,
        baseURL,
        permissions: ['microphone'],
        locale: 'en-US',
      });
    const first = await launch();
    try {
      const b: Phone = {
        ext: '1002',
        name: 'User 1002',
        page: first.pages()[0] ?? (await first.newPage()),
        context: first,
      };
      await b.page.goto('/');
      await signIn(b);
      await establishCall(a, b);
      await openTab(b.page, 'History');
      await expect(historyRow(b.page, '1001', 'In progress')).toHaveCount(1);
    } finally {
      execFileSync('pkill', ['-KILL', '-f', '--', `user-data-dir=${profile}`]);
    }
    await expect(callRow(a.page, '1002')).toContainText(/In call|Ended|Call ended|Network/);

    const second = await launch();
    try {
      const page = second.pages()[0] ?? (await second.newPage());
      await page.goto('/');
      await openTab(page, 'History');
      await expect(historyRow(page, '1001', 'Interrupted')).toHaveCount(1);
    } finally {
      await second.close();
    }
  });
});
