/** The real app's sign-in form, filled and submitted as a user would (shared by the benchmarks). */
export async function submitSignIn(page, { user, domain, wsUrl, pushUrl }) {
  const form = page.getByRole('form', { name: 'Account' });
  await form.waitFor({ timeout: 20_000 });
  const field = (label) => form.getByLabel(label, { exact: true });
  await field('Display name').fill(`Bench ${user}`);
  await field('SIP user').fill(user);
  await field('Password').fill(`pw${user}`);
  await field('SIP domain').fill(domain);
  await field('WebSocket URL').fill(wsUrl);
  if (pushUrl) await field('Push sender URL (optional)').fill(pushUrl);
  await form.getByRole('button', { name: 'Sign in' }).click();
}
