/**
 * The history tab after a fault (e2e/reconnect.spec.ts, e2e/keepalive.spec.ts,
 * e2e/media-recovery.spec.ts): the call is listed once, answered, and its talk time is the time
 * really talked, no stuck time added.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openTab, type Phone } from '../fixtures';

export function historyRow(page: Page, number: string): Locator {
  return page.getByRole('list', { name: 'Call history' }).getByRole('listitem', { name: new RegExp(number) });
}

/**
 * The history row's talk time in seconds (its accessible name ends with m:ss). The row is written
 * when the call starts and completed when it ends, so the tab may first show it "In progress" and
 * its end a moment later (on a loaded machine, after the tab opened): wait for the end.
 */
export async function talkSeconds(row: Locator, who: string): Promise<number> {
  const duration = /, (\d+):(\d{2})$/;
  await expect(row, `${who}'s history row gets its talk time`).toHaveAttribute('aria-label', duration);
  const m = duration.exec((await row.getAttribute('aria-label')) ?? '')!;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The history lists the call with `other` once, with a talk time within 6 s of `talkedMs`. */
export async function expectHistory(phone: Phone, other: string, talkedMs: number): Promise<void> {
  await openTab(phone.page, 'History');
  const row = historyRow(phone.page, other);
  await expect(row).toHaveCount(1);
  const seconds = await talkSeconds(row, phone.ext);
  expect(
    seconds,
    `${phone.ext}: talk time ${seconds} s vs ~${Math.round(talkedMs / 1000)} s`,
  ).toBeGreaterThan(talkedMs / 1000 - 6);
  expect(seconds).toBeLessThan(talkedMs / 1000 + 6);
}
