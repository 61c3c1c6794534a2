/**
 * Click-to-call: the manifest's protocol handlers open `/?dial=<tel: or sip: URI>` (as Chrome does
 * for an installed app or after registerProtocolHandler). The phone fills the keypad and asks
 * before it dials; a link that is not a phone number or SIP address is refused with a message.
 */
import { alert, callRow, expect, registration, test } from './fixtures';

const launchUrl = (uri: string) => `/?dial=${encodeURIComponent(uri)}`;

test.describe('tel: and sip: links', () => {
  test('a tel: link fills the number and dials only after confirmation', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);

    await a.page.goto(launchUrl('tel:1002'));
    await expect(registration(a.page)).toHaveText('Registered');
    const confirm = a.page.getByRole('dialog', { name: 'Call 1002?' });
    await expect(confirm).toBeVisible();
    await expect(a.page.getByLabel('Number or name', { exact: true })).toHaveValue('1002');
    // the link is consumed: a reload must not offer (or place) the call again
    expect(new URL(a.page.url()).search).toBe('');

    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(callRow(a.page, b.ext)).toHaveCount(0);
    await expect(callRow(b.page, a.ext)).toHaveCount(0);

    await a.page.goto(launchUrl('sip:1002@pbx.test'));
    await expect(registration(a.page)).toHaveText('Registered');
    const sipConfirm = a.page.getByRole('dialog', { name: 'Call sip:1002@pbx.test?' });
    await sipConfirm.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(callRow(b.page, a.ext)).toContainText('Incoming call');
    await expect(callRow(a.page, b.ext)).toContainText(/Ringing|Calling…/);
  });

  test('a link opened in a second tab waits for the phone, then dials after take-over', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    // the same browser profile: the first tab holds the phone
    const second = await a.context.newPage();
    await second.goto(launchUrl('tel:1002'));
    await expect(second.getByRole('heading', { name: 'The phone is open in another window' })).toBeVisible();
    await expect(second.getByText('A link asked to call 1002. Use the phone here to call it.')).toBeVisible();
    await second.getByRole('button', { name: 'Use the phone here', exact: true }).click();
    await expect(registration(second)).toHaveText('Registered');
    await second
      .getByRole('dialog', { name: 'Call 1002?' })
      .getByRole('button', { name: 'Call', exact: true })
      .click();
    await expect(callRow(b.page, a.ext)).toContainText('Incoming call');
  });

  test('a link that is not a phone number is refused with a message', async ({ phoneUser }) => {
    const a = await phoneUser('1001');
    await a.page.goto(launchUrl('javascript:alert(1)'));
    await expect(registration(a.page)).toHaveText('Registered');
    await expect(alert(a.page, 'only tel: and sip: links are supported')).toBeVisible();
    await expect(a.page.getByRole('dialog')).toHaveCount(0);
  });
});
