import path from 'node:path';
import type { Page } from '@playwright/test';
import { callRow, dial, expect, openTab, test } from './fixtures';

const VCARD = path.join(import.meta.dirname, 'files', 'contacts.vcf');

/** fails the test if any script of the page ever opens a dialog (alert from injected markup) */
function forbidDialogs(page: Page): { fired: string[] } {
  const seen = { fired: [] as string[] };
  page.on('dialog', (d) => {
    seen.fired.push(d.message());
    void d.dismiss();
  });
  return seen;
}

test.describe('directory', () => {
  test('the company directory comes from the PBX and names incoming calls', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    await openTab(b.page, 'Directory');
    const list = b.page.getByRole('list', { name: 'Contacts' });
    await expect(list.getByRole('listitem', { name: /Martin Alice|Alice Martin/ })).toBeVisible({
      timeout: 10_000,
    });
    await expect(b.page.getByText(/Company directory: updated/)).toBeVisible();
    await b.page.getByLabel('Search contacts').fill('lefevre');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem').first()).toContainText(/Lefèvre/);
    const workers = b.page.workers().map((w) => w.url());
    expect(workers.join(' '), 'the search index is built in its worker').toContain('index-worker');

    // A's SIP display name is "User 1001"; B's directory knows 1001 as Alice Martin
    await dial(a.page, b.ext);
    await expect(callRow(b.page, a.ext)).toContainText('Alice Martin');
    await expect(callRow(b.page, a.ext)).not.toContainText('User 1001');
  });

  test('import a vCard, then find a contact from the keypad and call it', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001', { directoryUrl: '' }), phoneUser('1002')]);
    const dialogs = forbidDialogs(a.page);
    await openTab(a.page, 'Directory');
    const chooser = a.page.waitForEvent('filechooser');
    const parser = a.page.waitForEvent('worker', (w) => w.url().includes('parse-worker'));
    await a.page.getByRole('button', { name: 'Import contacts' }).click();
    await (await chooser).setFiles(VCARD);
    const report = a.page.getByRole('dialog', { name: 'Import report' });
    await expect(report).toContainText('2 contacts imported');
    expect((await parser).url(), 'the file is parsed in its worker').toContain('parse-worker');
    await expect(report).toContainText(/1 row skipped/);
    await expect(
      report.getByRole('cell', { name: '14', exact: true }),
      'the empty card starts on line 14',
    ).toBeVisible();
    await report.getByRole('button', { name: 'Close' }).click();

    // the hostile name is text, not markup
    const list = a.page.getByRole('list', { name: 'Contacts' });
    await expect(list.getByText('<img src=x onerror=alert(1)>', { exact: false })).toBeVisible();
    await expect(a.page.locator('img[src="x"]')).toHaveCount(0);

    // type part of the name on the keypad, pick the suggestion with the arrow keys and Enter
    await openTab(a.page, 'Keypad');
    const field = a.page.getByLabel('Number or name', { exact: true });
    await field.pressSequentially('teste');
    const suggestion = a.page
      .getByRole('listbox', { name: 'Suggestions' })
      .getByRole('option', { name: /Testeur/ });
    await expect(suggestion).toBeVisible();
    await field.press('ArrowDown');
    await expect(suggestion).toHaveAttribute('aria-selected', 'true');
    await field.press('Enter');
    await expect(callRow(b.page, a.ext)).toContainText('Incoming call');
    await expect(callRow(a.page, 'Zoé Testeur')).toBeVisible();

    // the contacts survive a reload (IndexedDB)
    await a.page.reload();
    await openTab(a.page, 'Directory');
    await expect(a.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem')).toHaveCount(2);
    expect(dialogs.fired).toEqual([]);
  });

  test('a hostile SIP display name is shown as text everywhere', async ({ phoneUser }) => {
    const hostile = '<img src=x onerror=alert(1)>';
    const [a, b] = await Promise.all([
      phoneUser('1001', { displayName: hostile }),
      phoneUser('1002', { directoryUrl: '' }),
    ]);
    const dialogs = forbidDialogs(b.page);
    await dial(a.page, b.ext);
    const row = callRow(b.page, a.ext);
    await expect(row).toContainText(hostile);
    await expect(row.getByRole('button', { name: 'Decline', exact: true })).toBeVisible();
    await row.getByRole('button', { name: 'Decline', exact: true }).click();
    await openTab(b.page, 'History');
    await expect(b.page.getByRole('list', { name: 'Call history' }).getByText(hostile)).toBeVisible();
    await expect(b.page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs.fired).toEqual([]);
  });
});
