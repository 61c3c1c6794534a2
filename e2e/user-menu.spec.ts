import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { callRow, closeSettings, dial, expect, openSettings, openTab, rowButton, test } from './fixtures';
import { publishMwi } from './support/mwi';

function historyRows(page: Page) {
  return page.getByRole('list', { name: 'Call history' }).getByRole('listitem');
}

test.describe('user menu, Settings and top bar', () => {
  test('do not disturb: the caller gets busy and the call is in the history as missed', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    const dnd = b.page.getByRole('button', { name: 'Do not disturb' });
    await dnd.click();
    await expect(dnd).toHaveAttribute('aria-pressed', 'true');
    await dial(a.page, b.ext);
    await expect(callRow(a.page, b.ext)).toContainText('Busy');
    await expect(callRow(b.page, a.ext)).toHaveCount(0);
    await openTab(b.page, 'History');
    await expect(historyRows(b.page).filter({ hasText: /do not disturb/i })).toHaveCount(1);
  });

  test('a blocked number is rejected and logged', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    const dialog = await openSettings(b.page, 'Blocked numbers');
    await dialog.getByRole('textbox', { name: 'Number or prefix' }).fill('100*');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByRole('button', { name: /^Remove 100\*/ })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dial(a.page, b.ext);
    await expect(callRow(a.page, b.ext)).toContainText(/Declined|Busy/);
    await expect(callRow(b.page, a.ext)).toHaveCount(0);
    await openTab(b.page, 'History');
    await expect(historyRows(b.page).filter({ hasText: /Blocked/ })).toHaveCount(1);
  });

  test('forwarding: immediate, then after no answer, reaches a third browser', async ({ phoneUser }) => {
    const [a, b, c] = await Promise.all([phoneUser('1001'), phoneUser('1002'), phoneUser('1003')]);
    const forwarding = b.page.getByRole('button', { name: 'Call forwarding' });
    await forwarding.click();
    // the status opens Settings at its Forwarding section
    const dialog = b.page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByRole('tab', { name: 'Forwarding' })).toHaveAttribute('aria-selected', 'true');
    const all = dialog.getByRole('group', { name: 'Forward all calls' });
    await all.getByRole('checkbox', { name: 'Forward all calls' }).check();
    await all.getByRole('textbox', { name: 'Forward to' }).fill(c.ext);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    await closeSettings(b.page);
    await expect(forwarding).toHaveAccessibleName('Call forwarding: Forwarded to 1003');

    await dial(a.page, b.ext);
    await expect(callRow(c.page, a.ext)).toContainText('Incoming call');
    await expect(callRow(b.page, a.ext)).toHaveCount(0);
    await rowButton(callRow(c.page, a.ext), 'Decline').click();
    await expect(callRow(a.page, b.ext)).toHaveCount(0, { timeout: 10_000 });

    await forwarding.click();
    await dialog
      .getByRole('group', { name: 'Forward all calls' })
      .getByRole('checkbox', { name: 'Forward all calls' })
      .uncheck();
    const unanswered = dialog.getByRole('group', { name: 'When not answered' });
    await unanswered.getByRole('checkbox', { name: 'When not answered' }).check();
    await unanswered.getByRole('textbox', { name: 'Forward to' }).fill(c.ext);
    await unanswered.getByRole('spinbutton', { name: 'After (seconds)' }).fill('10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Saved.');
    await closeSettings(b.page);
    await expect(forwarding).toHaveAccessibleDescription('If not answered: 1003');

    await dial(a.page, b.ext);
    await expect(callRow(b.page, a.ext)).toContainText('Incoming call');
    await expect(callRow(c.page, a.ext)).toContainText('Incoming call', { timeout: 15_000 });
    await expect(callRow(b.page, a.ext).getByRole('button', { name: 'Answer' })).toHaveCount(0);
  });

  test('language switch changes the UI at once and persists', async ({ phoneUser }) => {
    const a = await phoneUser('1001');
    const display = await openSettings(a.page, 'Display');
    await display.getByRole('group', { name: 'Language' }).getByRole('radio', { name: 'Deutsch' }).check();
    await expect(a.page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(display.getByRole('heading', { name: 'Anzeige' })).toBeVisible();
    await closeSettings(a.page);
    const keypadTab = a.page.getByRole('tab').first();
    const german = (await keypadTab.textContent())?.trim() ?? '';
    expect(german).not.toBe('Keypad');
    await a.page.reload();
    await expect(a.page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(a.page.getByRole('tab').first()).toHaveText(german);
  });

  test('support logs: the download has SIP messages and no password', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    const support = await openSettings(a.page, 'Support');
    await support.getByRole('checkbox', { name: 'Support logs' }).check();
    await closeSettings(a.page);
    await dial(a.page, b.ext);
    await expect(callRow(b.page, a.ext)).toContainText('Incoming call');
    await rowButton(callRow(a.page, b.ext), 'Hang up').click();
    const downloading = a.page.waitForEvent('download');
    await (await openSettings(a.page, 'Support')).getByRole('button', { name: 'Download logs' }).click();
    const file = await (await downloading).path();
    const text = await readFile(file, 'utf8');
    expect(text).toContain('INVITE sip:1002@pbx.test');
    expect(text).toMatch(/SIP\/2\.0 (180|183|100)/);
    expect(text).not.toContain('pw1001');
    // the PBX challenged the INVITE: the answer's credentials are in the log, redacted
    expect(text).toMatch(/^Proxy-Authorization: \[redacted\]/im);
    expect(text).not.toMatch(/Authorization: Digest .*response="[0-9a-f]{32}"/i);
  });

  test('message waiting: the voicemail badge counts new messages after a PUBLISH', async ({ phoneUser }) => {
    const a = await phoneUser('1001');
    const calls = await openSettings(a.page, 'Calls');
    await calls.getByRole('textbox', { name: 'Voicemail number' }).fill('*97');
    await calls.getByRole('button', { name: 'Save' }).click();
    await expect(calls.getByRole('status')).toHaveText('Saved.');
    await closeSettings(a.page);
    await publishMwi({ user: '1001', newMessages: 2, oldMessages: 5 });
    await expect(a.page.getByRole('button', { name: /Voicemail.*2 new messages/ })).toBeVisible();
    await publishMwi({ user: '1001', newMessages: 0, oldMessages: 7 });
    await expect(a.page.getByRole('button', { name: /new message/ })).toHaveCount(0);
  });
});
