import type { Page } from '@playwright/test';
import { establishCall, expect, openSettings, test, waitForAudio } from './fixtures';
import { sentTrackIds } from './support/webrtc-stats';

/** the values and names of a select's options, read from the UI */
async function options(page: Page, name: string): Promise<{ value: string; label: string }[]> {
  const select = page.getByRole('dialog', { name: 'Settings' }).getByLabel(name, { exact: true });
  return select
    .locator('option')
    .evaluateAll((els) =>
      els.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent?.trim() ?? '' })),
    );
}

test.describe('audio settings', () => {
  test('a device change during a call keeps the call up', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1005'), phoneUser('1006')]);
    const { rowA, rowB } = await establishCall(a, b);
    await Promise.all([waitForAudio(b), waitForAudio(a)]);
    const [before] = await sentTrackIds(a.page);
    expect(before, 'A sends a microphone track').toBeTruthy();

    const dialog = a.page.getByRole('dialog', { name: 'Settings' });
    await test.step('A opens Settings › Audio: the fake devices are listed by name', async () => {
      await openSettings(a.page, 'Audio');
      await expect(dialog.getByRole('button', { name: 'Test ringtone' })).toBeVisible();
      await expect(dialog.getByLabel('Ringtone volume')).toBeVisible();
    });

    const inputs = (await options(a.page, 'Microphone')).filter((o) => o.value !== '');
    const outputs = (await options(a.page, 'Speaker')).filter((o) => o.value !== '');
    test.info().annotations.push({
      type: 'devices',
      description: `inputs: ${inputs.map((o) => o.label).join(', ')}; outputs: ${outputs.map((o) => o.label).join(', ')}`,
    });
    expect(inputs.length, 'Chromium fakes several microphones').toBeGreaterThan(1);

    await test.step('A picks another microphone (and speaker): the call stays up, B still hears A', async () => {
      const mic = inputs.at(-1)!;
      await dialog.getByLabel('Microphone', { exact: true }).selectOption(mic.value);
      if (outputs.length > 1)
        await dialog.getByLabel('Speaker', { exact: true }).selectOption(outputs.at(-1)!.value);
      await expect
        .poll(async () => (await sentTrackIds(a.page))[0], { message: 'A sends the new track' })
        .not.toBe(before);
      await expect(rowA).toContainText('In call');
      await expect(rowB).toContainText('In call');
      await Promise.all([waitForAudio(b), waitForAudio(a)]);
    });

    await test.step('back to the default device: still up, still audible', async () => {
      const switched = (await sentTrackIds(a.page))[0];
      await dialog.getByLabel('Microphone', { exact: true }).selectOption('');
      await expect.poll(async () => (await sentTrackIds(a.page))[0]).not.toBe(switched);
      await dialog.getByRole('button', { name: 'Close' }).first().click();
      await expect(rowA).toContainText('In call');
      await waitForAudio(b);
    });
  });
});
