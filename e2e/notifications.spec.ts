/**
 * Incoming-call notifications through the real service worker. Nothing can click an OS
 * notification (no Playwright or DevTools call for it), so the test reads the notifications the
 * worker shows and dispatches a `notificationclick` NotificationEvent for one of them inside the
 * worker: the app's own listener (src/sw/notifications.ts) then runs as it would for a click.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { callRow, dial, expect, registration, rowButton, test, waitForAudio, type Phone } from './fixtures';

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
  actions: string[];
  data: unknown;
}

type WorkerScope = {
  registration: ServiceWorkerRegistration;
  dispatchEvent(event: Event): boolean;
  NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
};

async function serviceWorker(context: BrowserContext, page: Page): Promise<Worker> {
  // reading whether the worker is ready; it registers by itself when the app starts
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

function notifications(worker: Worker): Promise<ShownNotification[]> {
  return worker.evaluate(async () => {
    const scope = self as unknown as WorkerScope;
    const list = await scope.registration.getNotifications();
    return list.map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      requireInteraction: n.requireInteraction,
      actions: ((n as Notification & { actions?: { action: string }[] }).actions ?? []).map((a) => a.action),
      data: n.data as unknown,
    }));
  });
}

/** what a click on the notification's button would do: the worker's notificationclick listener runs */
async function click(worker: Worker, tag: string, action: 'answer' | 'decline' | ''): Promise<void> {
  await worker.evaluate(
    async ({ tag, action }) => {
      const scope = self as unknown as WorkerScope;
      const [notification] = await scope.registration.getNotifications({ tag });
      if (!notification) throw new Error(`no notification with tag ${tag}`);
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification, action }));
    },
    { tag, action },
  );
}

/**
 * Resolves when the app logs that its showNotification() resolved for a tag starting with `prefix`
 * (src/stores/call/notifier.ts). Only then may the test read the list: Chromium's
 * getNotifications() deletes from its store a notification written but not yet on display when
 * the read began, so polling while the app shows one loses it now and then. Call it before the
 * action that shows the notification.
 */
function appShows(page: Page, prefix: 'call-' | 'missed-'): Promise<void> {
  const line = `call: notification shown ${prefix}`;
  return page
    .waitForEvent('console', { predicate: (m) => m.text().startsWith(line), timeout: 10_000 })
    .then(() => undefined);
}

/** B's incoming-call notification for a call from `caller`; `shown` is appShows(B, 'call-') */
async function incomingNotification(
  worker: Worker,
  caller: Phone,
  shown: Promise<void>,
): Promise<ShownNotification> {
  await shown;
  let found: ShownNotification | undefined;
  await expect
    .poll(
      async () => {
        found = (await notifications(worker)).find((n) => n.tag.startsWith('call-'));
        return found?.title ?? null;
      },
      { message: 'the incoming call shows a notification' },
    )
    .toBe('Incoming call');
  // the caller's name (from the company directory) on the first line, the number under it
  expect(found!.body).toMatch(new RegExp(`^\\S.*\\n${caller.ext}$`));
  expect(found!.requireInteraction).toBe(true);
  expect(found!.actions).toEqual(['answer', 'decline']);
  return found!;
}

const tags = async (worker: Worker) => (await notifications(worker)).map((n) => n.tag);

test.describe('call notifications', () => {
  test('Answer on the notification answers the real call and audio flows', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002', { grant: ['notifications'] })]);
    const worker = await serviceWorker(b.context, b.page);
    await expect(b.page.getByRole('button', { name: 'Notifications' })).toHaveAccessibleDescription('On');

    const appShown = appShows(b.page, 'call-');
    await dial(a.page, b.ext);
    const shown = await incomingNotification(worker, a, appShown);
    await click(worker, shown.tag, 'answer');

    await expect(callRow(b.page, a.ext)).toContainText('In call');
    await expect(callRow(a.page, b.ext)).toContainText('In call');
    await Promise.all([waitForAudio(a), waitForAudio(b)]);
    await expect.poll(() => tags(worker), { message: 'the notification is gone' }).not.toContain(shown.tag);
  });

  test('Decline on the notification declines the call', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002', { grant: ['notifications'] })]);
    const worker = await serviceWorker(b.context, b.page);
    const appShown = appShows(b.page, 'call-');
    await dial(a.page, b.ext);
    const shown = await incomingNotification(worker, a, appShown);
    await click(worker, shown.tag, 'decline');
    await expect(callRow(a.page, b.ext)).toContainText('Declined');
    await expect.poll(() => tags(worker)).not.toContain(shown.tag);
  });

  test('a cancelled call closes its notification and leaves a missed-call one', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002', { grant: ['notifications'] })]);
    const worker = await serviceWorker(b.context, b.page);
    const appShown = appShows(b.page, 'call-');
    await dial(a.page, b.ext);
    const shown = await incomingNotification(worker, a, appShown);
    const missedShown = appShows(b.page, 'missed-');
    await rowButton(callRow(a.page, b.ext), 'Hang up').click();

    // the app closes the incoming notification first, then shows the missed-call one
    await missedShown;
    const after = await notifications(worker);
    expect(
      after.map((n) => n.tag),
      'the incoming notification closes',
    ).not.toContain(shown.tag);
    const callerName = shown.body.split('\n')[0];
    expect(after.find((n) => n.tag.startsWith('missed-'))?.title, 'a missed-call notification').toBe(
      `Missed call from ${callerName}`,
    );
    // answering in the app closes the notification too (the call is answered elsewhere for the worker)
    const secondShown = appShows(b.page, 'call-');
    await dial(a.page, b.ext);
    const second = await incomingNotification(worker, a, secondShown);
    await rowButton(callRow(b.page, a.ext), 'Answer').click();
    await expect.poll(() => tags(worker)).not.toContain(second.tag);
  });

  test('first run: Start asks for microphone and notifications in one click', async ({ phoneUser }) => {
    const b = await phoneUser('1002', { grant: ['notifications'] });
    const card = b.page.getByRole('region', { name: 'Get the phone ready' });
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(card).toBeHidden();
    await expect(b.page.getByRole('button', { name: 'Notifications' })).toHaveAccessibleDescription('On');
    // remembered: a reload does not ask again
    await b.page.reload();
    await expect(registration(b.page)).toHaveText('Registered');
    await expect(card).toBeHidden();
  });

  test('the bell says when notifications are not allowed and explains how to allow them', async ({
    phoneUser,
  }) => {
    const b = await phoneUser('1002');
    const bell = b.page.getByRole('button', { name: 'Notifications' });
    await expect(bell).toHaveAccessibleDescription(/Not asked yet|Blocked/);
    await bell.click();
    const help = b.page.getByRole('dialog', { name: 'Notifications and microphone' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Dismiss notifications after this amount of time');
    await expect(help).toContainText('Alerts');
  });
});
