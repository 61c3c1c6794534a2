/**
 * BLF panel and call pickup, through the UI, against the development PBX (docs/ui-contract.md).
 * 1001 calls 1002 while 1003 watches 1002's lamp; 1003 picks the ringing call up, either with an
 * INVITE + Replaces to the caller or with the PBX pickup code *8<ext>.
 */
import type { Locator, Page } from '@playwright/test';
import { callRow, dial, expect, rowButton, test, waitForAudio, type Phone } from './fixtures';

/** Each lamp change must show within this long of the action that caused it. */
const LAMP_MS = 1_000;

function colleagues(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Colleagues' });
}

function lamp(page: Page, name: string): Locator {
  return colleagues(page).getByRole('listitem').filter({ hasText: name });
}

/** Adds a colleague through the pencil button's chooser; optionally switches the pickup method. */
async function watchColleague(
  phone: Phone,
  ext: string,
  name: string,
  method?: 'PBX pickup code',
): Promise<void> {
  const { page } = phone;
  await colleagues(page).getByRole('button', { name: 'Edit colleagues' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose colleagues' });
  await dialog.getByLabel('Extension', { exact: true }).fill(ext);
  await dialog.getByLabel('Name (optional)', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('checkbox', { name: `${name} (${ext})` })).toBeChecked();
  if (method) await dialog.getByRole('radio', { name: method }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

/** Waits for the lamp text and records how long it took after `since`. */
async function expectLamp(page: Page, name: string, state: string, since: number): Promise<void> {
  await expect(lamp(page, name), `${name} shows ${state}`).toContainText(state, { timeout: LAMP_MS });
  test.info().annotations.push({ type: 'lamp', description: `${state} after ${Date.now() - since} ms` });
}

test('BLF lamp follows a real call: Free, Ringing, Busy, Free', async ({ phoneUser }) => {
  const watcher = await phoneUser('1003');
  const caller = await phoneUser('1001');
  const callee = await phoneUser('1002');
  await watchColleague(watcher, '1002', 'Bob');
  await expect(lamp(watcher.page, 'Bob')).toContainText('Free');
  await expect(lamp(watcher.page, 'Bob').getByRole('button', { name: 'Call Bob' })).toBeVisible();

  let t = Date.now();
  await dial(caller.page, '1002');
  await expectLamp(watcher.page, 'Bob', 'Ringing', t);
  // the panel's one live region says who rings (screen readers hear it once)
  await expect(colleagues(watcher.page).getByText('Bob (1002) is ringing')).toHaveCount(1);
  const rowB = callRow(callee.page, '1001');
  await expect(rowB).toContainText('Incoming call');

  t = Date.now();
  await rowButton(rowB, 'Answer').click();
  await expectLamp(watcher.page, 'Bob', 'Busy', t);
  await expect(lamp(watcher.page, 'Bob').getByRole('button', { name: 'Pick up Bob' })).toHaveCount(0);

  t = Date.now();
  await rowButton(callRow(caller.page, '1002'), 'Hang up').click();
  await expectLamp(watcher.page, 'Bob', 'Free', t);
});

for (const method of ['Direct pickup', 'PBX pickup code'] as const) {
  test(`pickup of a ringing call (${method}): the callee stops ringing, picker and caller talk`, async ({
    phoneUser,
  }) => {
    const picker = await phoneUser('1003');
    const caller = await phoneUser('1001');
    const callee = await phoneUser('1002');
    await watchColleague(picker, '1002', 'Bob', method === 'PBX pickup code' ? method : undefined);
    await expect(lamp(picker.page, 'Bob')).toContainText('Free');

    await dial(caller.page, '1002');
    const ringing = callRow(callee.page, '1001');
    await expect(ringing).toContainText('Incoming call');
    const pickUp = lamp(picker.page, 'Bob').getByRole('button', { name: 'Pick up Bob' });
    await expect(pickUp).toBeVisible({ timeout: LAMP_MS });

    const t = Date.now();
    await pickUp.click();
    await expect(callRow(picker.page, /1001|\*81002/)).toContainText('In call');
    await expect(callRow(caller.page, '1003')).toContainText('In call');
    test
      .info()
      .annotations.push({ type: 'pickup', description: `${method}: in call after ${Date.now() - t} ms` });
    // the colleague's phone stops ringing: its row ends as answered elsewhere, then goes
    await expect(ringing).not.toContainText('Incoming call');
    await expect(callee.page.getByRole('region', { name: 'Calls' })).not.toContainText('Missed call');
    await expect(callRow(caller.page, '1002')).not.toContainText(/Ringing|Calling…/);

    await waitForAudio(picker);
    await waitForAudio(caller);
    await expect(lamp(picker.page, 'Bob')).toContainText('Free');
    await rowButton(callRow(caller.page, '1003'), 'Hang up').click();
    await expect(callRow(picker.page, /1001|\*81002/)).not.toContainText('In call');
  });
}
