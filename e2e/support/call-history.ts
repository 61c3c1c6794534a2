/**
 * The history tab after a fault (e2e/reconnect.spec.ts, e2e/keepalive.spec.ts): the call is
 * listed once, answered, and its talk time is the time really talked, no stuck time added.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, openTab, type Phone } from '../fixtures';

export function historyRow(page: Page, number: string): Locator {
  return page.getByRole('list', { name: 'Call history' }).getByRole('listitem', { name: new RegExp(number) });
}

/** The history lists the call with `other` once, with a talk time within 6 s of `talkedMs`. */
export async function expectHistory(phone: Phone, other: string, talkedMs: number): Promise<void> {
  await openTab(phone.page, 'History');
  const row = historyRow(phone.page, other);
  await expect(row).toHaveCount(1);
  const label = (await row.getAttribute('aria-label')) ?? '';
  const m = /, (\d+):(\d{2})$/.exec(label);
  expect(m, `${phone.ext}'s history row has a duration: "${label}"`).not.toBeNull();
  const seconds = Number(m![1]) * 60 + Number(m![2]);
  expect(
    seconds,
    `${phone.ext}: talk time ${seconds} s vs ~${Math.round(talkedMs / 1000)} s`,
  ).toBeGreaterThan(talkedMs / 1000 - 6);
  expect(seconds).toBeLessThan(talkedMs / 1000 + 6);
}
