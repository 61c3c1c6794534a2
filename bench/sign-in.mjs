/** The real app's sign-in form, filled and submitted as a user would (shared by the benchmarks). */
export async function submitSignIn(page, { user, domain, wsUrl, pushUrl }) {
  const form = page.getByRole('form', { name: 'Account' });
  await form.waitFor({ timeout: 20_000 });
  const field = (label) => form.getByLabel(label, { exact: true });
  await field('Display name (optional)').fill(`Bench ${user}`);
  await field('SIP user').fill(user);
  await field('Password').fill(`pw${user}`);
  await field('SIP domain').fill(domain);
  // the connection fields sit behind a disclosure (open by itself when the build has no WebSocket URL)
  const advanced = form.getByRole('button', { name: 'Advanced settings' });
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  await field('WebSocket URL').fill(wsUrl);
  if (pushUrl) await field('Push sender URL (optional)').fill(pushUrl);
  await form.getByRole('button', { name: 'Sign in' }).click();
}
