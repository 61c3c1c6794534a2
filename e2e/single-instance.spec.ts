/**
 * One phone per browser profile (issue 7 part 5): two pages of ONE browser context share Web Locks,
 * BroadcastChannel and IndexedDB like two tabs (or a tab and the installed app) of one profile.
 * Only one of them registers; the other offers "Use the phone here". The PBX's location table
 * (kamcmd ul.dump) proves how many bindings exist.
 */
import type { BrowserContext, Page } from '@playwright/test';
import {
  callRow,
  dial,
  expect,
  registration,
  rowButton,
  signIn,
  test,
  waitForAudio,
  type Phone,
} from './fixtures';
import { bindings, bindingsOf } from './support/location';
import { installPeerConnectionRecorder } from './support/webrtc-stats';

const USER = '1001';

function otherWindow(page: Page) {
  return page.getByRole('heading', { name: 'The phone is open in another window' });
}
function takeOverButton(page: Page) {
  return page.getByRole('button', { name: 'Use the phone here', exact: true });
}

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(installPeerConnectionRecorder);
  await page.goto('/');
  return page;
}

/** polls the PBX until `user` has exactly `count` bindings (each check a fresh `ul.dump`) */
async function expectBindings(user: string, count: number): Promise<void> {
  await expect
    .poll(async () => (await bindingsOf(user)).length, {
      message: `${user} has ${count} binding(s) on the PBX: ${JSON.stringify(await bindings())}`,
      timeout: 10_000,
    })
    .toBe(count);
}

test.describe('one phone per browser profile', () => {
  let context: BrowserContext | undefined;
  test.afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  test('two pages: one registration, take-over, refusal during a call, hand-over on close', async ({
    browser,
    baseURL,
    phoneUser,
  }) => {
    test.setTimeout(120_000);
    const caller = await phoneUser('1002');
    context = await browser.newContext({ baseURL, permissions: ['microphone'], locale: 'en-US' });
    const first = await openPage(context);
    const a: Phone = { ext: USER, name: 'Alice', page: first, context };
    await signIn(a);
    await expectBindings(USER, 1);

    const second = await openPage(context);
    const b: Phone = { ...a, page: second };
    await expect(otherWindow(second)).toBeVisible();
    await expect(takeOverButton(second)).toBeVisible();
    await expect(
      second.getByRole('form', { name: 'Account' }),
      'no sign-in form in the other page',
    ).toHaveCount(0);
    await expect(registration(second)).not.toHaveText('Registered');
    // give a wrongly registering second page time to show up in the table
    await second.waitForTimeout(1500);
    await expectBindings(USER, 1);
    const [binding] = await bindingsOf(USER);
    expect(binding?.instance, 'the binding carries the persisted +sip.instance').toMatch(
      /^<urn:uuid:[0-9a-f-]{36}>$/,
    );
    expect(binding?.regId).toBe('1');

    // take-over: the phone moves to the second page
    await takeOverButton(second).click();
    await expect(registration(second)).toHaveText('Registered', { timeout: 15_000 });
    await expect(otherWindow(first)).toBeVisible();
    await expect(registration(first)).not.toHaveText('Registered');
    await expectBindings(USER, 1);
    expect((await bindingsOf(USER))[0]?.instance, 'same instance from either page').toBe(binding?.instance);

    // a real call rings in the second page only, and audio flows there
    await dial(caller.page, USER);
    const row = callRow(second, caller.ext);
    await expect(row).toContainText('Incoming call');
    await expect(callRow(first, caller.ext)).toHaveCount(0);
    await rowButton(row, 'Answer').click();
    await expect(row).toContainText('In call');
    await waitForAudio(b);

    // no take-over while the owner has a call
    await takeOverButton(first).click();
    await expect(
      first.getByRole('alert').filter({ hasText: 'A call is in progress in the other window' }),
    ).toBeVisible();
    await expect(row).toContainText('In call');
    await expect(registration(second)).toHaveText('Registered');
    await expectBindings(USER, 1);
    await rowButton(row, 'Hang up').click();
    await expect(row).toHaveCount(0, { timeout: 15_000 });

    // closing the owner hands the phone to the remaining page by itself
    await second.close();
    await expect(registration(first)).toHaveText('Registered', { timeout: 15_000 });
    await expect(otherWindow(first)).toHaveCount(0);
    await expectBindings(USER, 1);

    // reload: the same +sip.instance registers again, still one binding
    await first.reload();
    await expect(registration(first)).toHaveText('Registered', { timeout: 15_000 });
    await expectBindings(USER, 1);
    expect((await bindingsOf(USER))[0]?.instance, 'stable instance id across reloads').toBe(
      binding?.instance,
    );
  });

  test('a hung owner loses the phone after ~2 s; when it wakes it stops and the binding stays', async ({
    browser,
    baseURL,
  }) => {
    context = await browser.newContext({ baseURL, permissions: ['microphone'], locale: 'en-US' });
    const first = await openPage(context);
    await signIn({ ext: USER, name: 'Alice', page: first, context });
    const second = await openPage(context);
    await expect(otherWindow(second)).toBeVisible();

    // the owner's page stops running script (a busy or frozen renderer)
    const cdp = await context.newCDPSession(first);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    await takeOverButton(second).click();
    await expect(registration(second)).toHaveText('Registered', { timeout: 15_000 });
    await expectBindings(USER, 1);

    await cdp.send('Debugger.resume');
    await expect(otherWindow(first)).toBeVisible();
    await expect(registration(first)).not.toHaveText('Registered');
    // the woken page's un-REGISTER must not leave the new owner without a binding
    await first.waitForTimeout(2000);
    await expectBindings(USER, 1);
    await expect(registration(second)).toHaveText('Registered');
  });
});
