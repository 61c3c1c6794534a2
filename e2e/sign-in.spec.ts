import { alert, expect, registration, test } from './fixtures';
import { startPbx, type PbxInstance } from './support/pbx';

test.describe('sign-in and registration', () => {
  test('two users sign in and both register with the PBX', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    await expect(registration(a.page)).toHaveText('Registered');
    await expect(registration(b.page)).toHaveText('Registered');
  });

  test('a wrong password returns to the form with the error at the password field', async ({ phoneUser }) => {
    const u = await phoneUser('1003', { password: 'not-the-password', waitRegistered: false });
    const password = u.page.getByRole('form', { name: 'Account' }).getByLabel('Password', { exact: true });
    // the phone shows briefly while the PBX answers, then the refusal brings the form back
    await expect(password).toHaveAttribute('aria-invalid', 'true', { timeout: 15_000 });
    await expect(password).toHaveAccessibleDescription('Wrong user name or password');
    await expect(password).toBeFocused();
    await expect(u.page.getByRole('button', { name: 'User menu' })).toHaveCount(0);
    await expect(registration(u.page)).not.toHaveText('Registered');
  });

  test.describe('with a PBX that is down at sign-in', () => {
    // A second Kamailio on other ports, started only once the app has reported the failure.
    let late: PbxInstance | undefined;
    test.afterEach(async () => {
      await late?.stop();
      late = undefined;
    });

    test('an unreachable PBX shows "Cannot reach the PBX", then registers once the PBX starts', async ({
      phoneUser,
    }) => {
      test.setTimeout(120_000);
      const u = await phoneUser('1004', { wsUrl: 'ws://127.0.0.1:8090', waitRegistered: false });
      await expect(alert(u.page, 'Cannot reach the PBX')).toBeVisible({ timeout: 20_000 });
      await expect(registration(u.page)).not.toHaveText('Registered');

      late = await startPbx({ name: 'pbx-late', wsPort: 8090, sipPort: 5070, media: false });
      await expect(registration(u.page), 'the phone reconnects by itself').toHaveText('Registered', {
        timeout: 60_000,
      });
      await expect(alert(u.page, 'Cannot reach the PBX')).toHaveCount(0);
    });
  });
});
