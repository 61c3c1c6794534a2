/**
 * Calls between the browser and a plain SIP desk phone (baresip on UDP, G.711, no ICE/DTLS), bridged
 * by the PBX's media relay (rtpengine). Real everything: the desk phone is driven over its control
 * socket and proves what it received with its recordings (audio) and its events (DTMF).
 */
import { DeskPhone, receivedAudio, type DeskExt } from './support/desk-phone';
import { callRow, dial, establishCall, expect, rowButton, test, waitForAudio, type Phone } from './fixtures';

const desks: DeskPhone[] = [];

async function deskPhone(ext: DeskExt): Promise<DeskPhone> {
  const desk = await DeskPhone.open(ext);
  desks.push(desk);
  return desk;
}

test.afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.close()));
});

/** The desk phone decodes a non-silent signal (the fake microphone's beeps) for a while. */
async function expectDeskHears(ext: DeskExt): Promise<void> {
  let last = '';
  await expect
    .poll(
      () => {
        const a = receivedAudio(ext);
        last = a ? `${a.seconds.toFixed(2)} s, rms ${a.rms.toFixed(0)} (${a.file})` : 'no recording';
        return a !== null && a.seconds > 1 && a.rms > 100;
      },
      { message: `desk phone ${ext} hears the browser`, timeout: 10_000, intervals: [250] },
    )
    .toBe(true);
  test.info().annotations.push({ type: 'audio', description: `desk ${ext}: ${last}` });
}

async function callDesk(phone: Phone, ext: DeskExt) {
  await dial(phone.page, ext);
  return callRow(phone.page, ext);
}

test.describe('calls with a plain SIP desk phone through the media relay', () => {
  test('the browser calls 2001, it answers, audio flows both ways, the browser hangs up', async ({
    phoneUser,
  }) => {
    const desk = await deskPhone('2001');
    const a = await phoneUser('1001');
    const row = await callDesk(a, '2001');
    await expect(row).toContainText('In call');
    await desk.waitForEvent('CALL_ESTABLISHED');
    await Promise.all([waitForAudio(a), expectDeskHears('2001')]);

    await rowButton(row, 'Hang up').click();
    await expect(row).toContainText('Call ended');
    await desk.waitForEvent('CALL_CLOSED');
  });
});

export { establishCall };
