/**
 * The Colleagues (BLF) panel, driven as a user does: add a colleague through the chooser, read
 * a lamp. Used where a fault must leave the lamps working (e2e/keepalive.spec.ts).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, type Phone } from '../fixtures';

export function lamp(page: Page, name: string): Locator {
  return page
    .getByRole('complementary', { name: 'Colleagues' })
    .getByRole('listitem')
    .filter({ hasText: name });
}

export async function watchColleague(phone: Phone, ext: string, name: string): Promise<void> {
  const { page } = phone;
  await page
    .getByRole('complementary', { name: 'Colleagues' })
    .getByRole('button', { name: 'Edit colleagues' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Choose colleagues' });
  await dialog.getByLabel('Extension', { exact: true }).fill(ext);
  await dialog.getByLabel('Name (optional)', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('checkbox', { name: `${name} (${ext})` })).toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}
