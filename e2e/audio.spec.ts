import type { Locator } from '@playwright/test';
import { establishCall, expect, expectSilence, rowButton, test, waitForAudio } from './fixtures';

/** A toggle button named `on` that becomes `off` (or stays `on` with aria-pressed=true). */
function toggled(row: Locator, on: string, off: string): Locator {
  return rowButton(row, off).or(row.getByRole('button', { name: on, exact: true, pressed: true }));
}

test.describe('a two-party call', () => {
  test('A dials B on the keypad, B answers, audio flows both ways, and A hangs up', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1005'), phoneUser('1006')]);
    const { rowA, rowB } = await establishCall(a, b, 'keypad');

    await test.step('both sides receive and play audio', async () => {
      await Promise.all([waitForAudio(b), waitForAudio(a)]);
    });

    await test.step('A hangs up and both rows end', async () => {
      await rowButton(rowA, 'Hang up').click();
      await expect(rowA).toContainText('Call ended');
      await expect(rowB).toContainText('Call ended');
      await expect(rowA, 'an ended row disappears after about 4 s').toHaveCount(0, { timeout: 8_000 });
    });
  });

  test('hold silences the call in both directions and resume brings the audio back', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1005'), phoneUser('1006')]);
    const { rowA, rowB } = await establishCall(a, b);
    await Promise.all([waitForAudio(b), waitForAudio(a)]);

    await test.step('A holds: rows show the hold, nobody hears anything', async () => {
      await rowButton(rowA, 'Hold').click();
      await expect(rowA).toContainText('On hold');
      await expect(rowB).toContainText('Held by other party');
      await Promise.all([expectSilence(b), expectSilence(a)]);
    });

    await test.step('A resumes: audio flows both ways again', async () => {
      await toggled(rowA, 'Hold', 'Resume').click();
      await expect(rowA).toContainText('In call');
      await expect(rowB).toContainText('In call');
      await Promise.all([waitForAudio(b), waitForAudio(a)]);
    });
  });

  test('mute silences what B hears while the call stays up, and unmute restores it', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1005'), phoneUser('1006')]);
    const { rowA, rowB } = await establishCall(a, b);
    await waitForAudio(b);

    await test.step('A mutes: B hears silence, A still hears B, both rows stay In call', async () => {
      await rowButton(rowA, 'Mute').click();
      await expect(toggled(rowA, 'Mute', 'Unmute')).toBeVisible();
      await Promise.all([expectSilence(b), waitForAudio(a)]);
      await expect(rowA).toContainText('In call');
      await expect(rowB).toContainText('In call');
    });

    await test.step('A unmutes: B hears A again', async () => {
      await toggled(rowA, 'Mute', 'Unmute').click();
      await expect(rowButton(rowA, 'Mute')).toBeVisible();
      await expect(rowButton(rowA, 'Mute')).not.toHaveAttribute('aria-pressed', 'true');
      await waitForAudio(b);
    });
  });
});
