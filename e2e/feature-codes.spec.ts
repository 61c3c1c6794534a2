import type { Page } from '@playwright/test';
import { callRow, closeSettings, dial, expect, rowButton, test } from './fixtures';
import { clearPbxFeature, expectPbxFeature } from './support/pbx-features';

/** the forwarding status opens Settings › Forwarding; `change` edits it, then Save, "Saved." and close */
async function editForwarding(page: Page, change: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: 'Call forwarding' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  // the codes sit behind "Advanced" (open by itself once they are in use)
  const advanced = dialog.getByRole('button', { name: 'Advanced: PBX feature codes' });
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  await change(dialog);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  await closeSettings(page);
}

test.describe('PBX feature codes', () => {
  // up to four sign-ins per test: ~25 s on an idle machine, more than 60 s seen on a loaded one
  test.describe.configure({ timeout: 90_000 });

  test('forward all set on the PBX still works once the app is closed', async ({ phoneUser }) => {
    const [a, b, c] = await Promise.all([phoneUser('1001'), phoneUser('1002'), phoneUser('1003')]);
    await editForwarding(b.page, async (dialog) => {
      await dialog
        .getByRole('checkbox', { name: 'Also set on the PBX (works when the app is closed)' })
        .check();
      await expect(dialog.getByRole('textbox', { name: 'Forward all code' })).toHaveValue('*72');
      const all = dialog.getByRole('group', { name: 'Forward all calls' });
      await all.getByRole('checkbox', { name: 'Forward all calls' }).check();
      await all.getByRole('textbox', { name: 'Forward to' }).fill(c.ext);
    });
    // the code call (*721003) never shows: no call row, and no "not confirmed" status
    await expect(callRow(b.page, '*72')).toHaveCount(0);
    await expectPbxFeature(b.ext, 'fwd', c.ext);
    await expect(b.page.getByRole('status').filter({ hasText: 'did not confirm' })).toHaveCount(0);
    await b.context.close();

    await dial(a.page, b.ext);
    await expect(callRow(c.page, a.ext)).toContainText('Incoming call');
    await rowButton(callRow(c.page, a.ext), 'Decline').click();
    await expect(callRow(a.page, b.ext)).toHaveCount(0, { timeout: 10_000 });

    // B again (a fresh browser): cancel forwarding on the PBX so later tests find 1002 as usual.
    // The fresh app dials only on a change, so it sets forwarding first; the key is cleared before
    // so that its *72 shows on the PBX (and cannot overtake the *73 after it).
    await clearPbxFeature(b.ext, 'fwd');
    const b2 = await phoneUser('1002');
    await editForwarding(b2.page, async (dialog) => {
      await dialog
        .getByRole('checkbox', { name: 'Also set on the PBX (works when the app is closed)' })
        .check();
      const all = dialog.getByRole('group', { name: 'Forward all calls' });
      await all.getByRole('checkbox', { name: 'Forward all calls' }).check();
      await all.getByRole('textbox', { name: 'Forward to' }).fill(c.ext);
    });
    await expectPbxFeature(b2.ext, 'fwd', c.ext);
    await editForwarding(b2.page, async (dialog) => {
      await dialog
        .getByRole('group', { name: 'Forward all calls' })
        .getByRole('checkbox', { name: 'Forward all calls' })
        .uncheck();
    });
    await expectPbxFeature(b2.ext, 'fwd', null);
    await b2.context.close();
    await dial(a.page, b.ext);
    await expect(callRow(a.page, b.ext)).toContainText('Not found');
  });

  test('do-not-disturb set on the PBX: the caller gets busy while the app is closed', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1004')]);
    await editForwarding(b.page, async (dialog) => {
      await dialog
        .getByRole('checkbox', { name: 'Also set on the PBX (works when the app is closed)' })
        .check();
    });
    const dnd = b.page.getByRole('button', { name: 'Do not disturb' });
    await dnd.click();
    await expect(dnd).toHaveAttribute('aria-pressed', 'true');
    await expectPbxFeature(b.ext, 'dnd', '1');
    await expect(b.page.getByRole('status').filter({ hasText: 'did not confirm' })).toHaveCount(0);
    await b.context.close();
    await dial(a.page, b.ext);
    await expect(callRow(a.page, b.ext)).toContainText('Busy');

    // clean up: DND off on the PBX from a fresh browser (toggle on, then off; the key is cleared
    // first so that the *78 shows on the PBX before the *79 is dialled)
    await clearPbxFeature(b.ext, 'dnd');
    const b2 = await phoneUser('1004');
    await editForwarding(b2.page, async (dialog) => {
      await dialog
        .getByRole('checkbox', { name: 'Also set on the PBX (works when the app is closed)' })
        .check();
    });
    const dnd2 = b2.page.getByRole('button', { name: 'Do not disturb' });
    await dnd2.click();
    await expectPbxFeature(b2.ext, 'dnd', '1');
    await dnd2.click();
    await expectPbxFeature(b2.ext, 'dnd', null);
  });
});
