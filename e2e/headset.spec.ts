/**
 * Headset call control (issue #6) through a fake WebHID headset built from the descriptor fixture
 * `synthetic-jabra-engage50-style` (report 2, in: bit 0 Hook Switch (absolute), bit 2 Phone Mute
 * (relative toggle); out: bit 0 Off-Hook, 1 Mute, 2 Ring, 3 Hold, 4 Microphone, 5 Ringer LEDs).
 * `page.evaluate` only presses the headset's buttons and reads what the app wrote to it; the user's
 * actions go through the UI, and audio is proven with WebRTC stats.
 */
import type { Locator, Page } from '@playwright/test';
import { loadHidFixture } from '../src/headset/testing/fixtures';
import {
  callRow,
  dial,
  expect,
  expectSilence,
  registration,
  rowButton,
  test,
  openSettings,
  closeSettings,
  waitForAudio,
  type Phone,
} from './fixtures';
import {
  addFakeHid,
  lastReport,
  pressHeadset,
  removeWebHid,
  type FakeHidDeviceSpec,
} from './support/fake-hid';

const JABRA: FakeHidDeviceSpec = {
  vendorId: 0x0b0e,
  productId: 0x0301,
  productName: 'Jabra Engage 50',
  collections: loadHidFixture('synthetic-jabra-engage50-style'),
};
/** input report 2 (Hook Switch bit 0, Phone Mute bit 2) and output report 2 (LEDs), byte-exact */
const HOOK_OFF = [0x01, 0x00];
const HOOK_OFF_MUTE_PRESSED = [0x05, 0x00];
const HOOK_ON = [0x00, 0x00];
const LED = {
  ringing: '24 00', // Ring LED + Ringer
  inCall: '01 00', // Off-Hook
  muted: '13 00', // Off-Hook + Mute + Microphone
  idle: '00 00',
};

/** the page loads again with the fake `navigator.hid` in place (the saved account signs in again) */
async function reloadWith(phone: Phone, install: (page: Page) => Promise<void>): Promise<void> {
  await install(phone.page);
  await phone.page.reload();
  await expect(registration(phone.page)).toHaveText('Registered', { timeout: 15_000 });
}

async function openHeadsetSettings(page: Page): Promise<Locator> {
  const dialog = await openSettings(page, 'Audio');
  return dialog.getByRole('group', { name: 'Headset' });
}

const led = (page: Page) =>
  expect.poll(() => lastReport(page, 2), { message: 'the headset lamps (report 2)' });

/** a relative Phone Mute: press and release while off-hook toggles the mute */
async function pressMute(page: Page): Promise<void> {
  expect(await pressHeadset(page, 2, HOOK_OFF_MUTE_PRESSED), 'the app opened the headset').toBe(true);
  await pressHeadset(page, 2, HOOK_OFF);
}

test.describe('headset call control (WebHID)', () => {
  test('the headset rings, answers, mutes both ways and hangs up a real call', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1007'), phoneUser('1008')]);
    await reloadWith(b, (page) => addFakeHid(page, JABRA));

    await test.step('B connects the headset from Settings › Audio', async () => {
      const headset = await openHeadsetSettings(b.page);
      await expect(headset.getByText('No headset connected.')).toBeVisible();
      await headset.getByRole('button', { name: 'Connect a headset' }).click();
      await expect(headset.getByRole('list', { name: 'Connected headsets' })).toContainText(
        'Jabra Engage 50',
      );
      await expect(headset.getByRole('checkbox', { name: 'Full headset integration' })).toBeChecked();
      await led(b.page).toBe(LED.idle);
      await closeSettings(b.page);
    });

    const rowB = callRow(b.page, a.ext);
    const rowA = callRow(a.page, b.ext);
    await test.step('A calls B: the headset rings (Ring LED and Ringer)', async () => {
      await dial(a.page, b.ext);
      await expect(rowB).toContainText('Incoming call');
      await led(b.page).toBe(LED.ringing);
    });

    await test.step('hook off on the headset answers: both sides in call, audio flows', async () => {
      await pressHeadset(b.page, 2, HOOK_OFF);
      await expect(rowB).toContainText('In call');
      await expect(rowA).toContainText('In call');
      await led(b.page).toBe(LED.inCall);
      await Promise.all([waitForAudio(a), waitForAudio(b)]);
    });

    await test.step('mute on the headset mutes the call: A hears silence', async () => {
      await pressMute(b.page);
      await expect(rowButton(rowB, 'Unmute')).toBeVisible();
      await led(b.page).toBe(LED.muted);
      await Promise.all([expectSilence(a), waitForAudio(b)]);
    });

    await test.step('unmute on the headset: A hears B again', async () => {
      await pressMute(b.page);
      await expect(rowButton(rowB, 'Mute')).toBeVisible();
      await led(b.page).toBe(LED.inCall);
      await waitForAudio(a);
    });

    await test.step('Mute in the app lights the mute lamps', async () => {
      await rowButton(rowB, 'Mute').click();
      await expect(rowButton(rowB, 'Unmute')).toBeVisible();
      await led(b.page).toBe(LED.muted);
      await expectSilence(a);
    });

    await test.step('hook on hangs up', async () => {
      await pressHeadset(b.page, 2, HOOK_ON);
      await expect(rowA).toContainText('Call ended');
      await expect(rowB).toContainText('Call ended');
      await led(b.page).toBe(LED.idle);
    });

    await test.step('after a reload the granted headset reconnects by itself; Forget removes it', async () => {
      await b.page.reload();
      await expect(registration(b.page)).toHaveText('Registered', { timeout: 15_000 });
      const headset = await openHeadsetSettings(b.page);
      const list = headset.getByRole('list', { name: 'Connected headsets' });
      await expect(list).toContainText('Jabra Engage 50');
      await led(b.page).toBe(LED.idle);
      await list.getByRole('button', { name: 'Forget Jabra Engage 50' }).click();
      await expect(headset.getByText('No headset connected.')).toBeVisible();
    });
  });

  test('a browser without WebHID explains why the headset buttons cannot work', async ({ phoneUser }) => {
    const b = await phoneUser('1008');
    await reloadWith(b, removeWebHid);
    const headset = await openHeadsetSettings(b.page);
    await expect(headset).toContainText('exists only in Chrome, Edge and Opera on a computer');
    await expect(headset).toContainText('Your headset still works for sound.');
    await expect(headset.getByRole('button', { name: 'Connect a headset' })).toHaveCount(0);
  });
});
