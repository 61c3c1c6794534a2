/**
 * Calls between the browser and a plain SIP desk phone (baresip on UDP, G.711, no ICE/DTLS), bridged
 * by the PBX's media relay (rtpengine). Real everything: the desk phone is driven over its control
 * socket and proves what it received with its recordings (audio) and its events (DTMF, hold).
 */
import { DeskPhone, receivedAudio, relayOffers, type DeskExt } from './support/desk-phone';
import {
  callRow,
  callsRegion,
  dial,
  establishCall,
  expect,
  rowButton,
  test,
  waitForAudio,
  type Phone,
} from './fixtures';

const desks: DeskPhone[] = [];

async function deskPhone(ext: DeskExt): Promise<DeskPhone> {
  const desk = await DeskPhone.open(ext);
  desks.push(desk);
  return desk;
}

test.afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.close()));
});

/** The desk phone's recording of the current call ends with a second of non-silent audio (the browser's fake microphone beeps). */
async function expectDeskHears(ext: DeskExt): Promise<void> {
  let last = '';
  await expect
    .poll(
      () => {
        const a = receivedAudio(ext, 1);
        last = a
          ? `${a.seconds.toFixed(2)} s, rms of the last second ${a.rms.toFixed(0)} (${a.file})`
          : 'no recording';
        return a !== null && a.seconds > 1 && a.rms > 100;
      },
      { message: `desk phone ${ext} hears the browser`, timeout: 10_000, intervals: [250] },
    )
    .toBe(true);
  test.info().annotations.push({ type: 'audio', description: `desk ${ext}: ${last}` });
}

/** The browser dials a desk phone; returns the call row. */
async function callDesk(phone: Phone, ext: string) {
  await dial(phone.page, ext);
  return callRow(phone.page, ext);
}

/** 2001 dials the browser user and the user answers in the UI. */
async function deskCallsBrowser(desk: DeskPhone, phone: Phone) {
  await desk.command('dial', `sip:${phone.ext}@pbx.test`);
  const row = callRow(phone.page, desk.ext);
  await expect(row, 'the browser rings').toContainText('Incoming call');
  await rowButton(row, 'Answer').click();
  await expect(row).toContainText('In call');
  await desk.waitForEvent('CALL_ESTABLISHED');
  return row;
}

test.describe('calls with a plain SIP desk phone through the media relay', () => {
  // two browsers, a desk phone and the relay: ~20 s on an idle machine, up to ~50 s on a loaded 2-core one
  test.describe.configure({ timeout: 90_000 });

  test('the browser calls 2001: audio both ways, hold and resume from either side, the browser hangs up', async ({
    phoneUser,
  }) => {
    const desk = await deskPhone('2001');
    const a = await phoneUser('1001');
    const offers = relayOffers();
    const row = await callDesk(a, '2001');
    await expect(row).toContainText('In call');
    await desk.waitForEvent('CALL_ESTABLISHED');
    expect(relayOffers(), 'the call goes through the media relay').toBeGreaterThan(offers);
    await Promise.all([waitForAudio(a), expectDeskHears('2001')]);

    await test.step('the browser holds and resumes', async () => {
      await rowButton(row, 'Hold').click();
      await expect(row).toContainText('On hold');
      await rowButton(row, 'Resume').click();
      await expect(row).toContainText('In call');
      await Promise.all([waitForAudio(a), expectDeskHears('2001')]);
    });

    await test.step('the desk phone holds: the browser shows it, then resumes', async () => {
      await desk.command('hold');
      await expect(row).toContainText('Held by other party');
      // The row turns "held" as soon as the browser reads baresip's re-INVITE, before baresip has
      // our 200 and sent its ACK; a resume sent in that window crosses it and baresip 1.0 does not
      // send it again (seen once in a CI run). Like a user pressing Resume again, re-send it.
      await expect(async () => {
        await desk.command('resume');
        await expect(row).toContainText('In call', { timeout: 3_000 });
      }).toPass({ timeout: 15_000 });
      await Promise.all([waitForAudio(a), expectDeskHears('2001')]);
    });

    await test.step('the browser hangs up: the desk phone ends the call', async () => {
      const since = desk.events.length;
      await rowButton(row, 'Hang up').click();
      await expect(row).toContainText('Call ended');
      await desk.waitForEvent('CALL_CLOSED', { since });
    });
  });

  test('2001 calls the browser: the user answers, audio both ways, DTMF reaches the desk phone, the desk phone hangs up', async ({
    phoneUser,
  }) => {
    const desk = await deskPhone('2001');
    const a = await phoneUser('1002');
    const row = await deskCallsBrowser(desk, a);
    await Promise.all([waitForAudio(a), expectDeskHears('2001')]);

    await test.step('RFC 4733 tones from the in-call keypad arrive at the desk phone', async () => {
      const since = desk.events.length;
      await rowButton(row, 'Keypad').click();
      await rowButton(row, 'Send 5').click();
      await desk.waitForEvent('CALL_DTMF_START', { param: '5', since });
      await rowButton(row, 'Send #').click();
      await desk.waitForEvent('CALL_DTMF_START', { param: '#', since });
    });

    await test.step('the desk phone hangs up: the browser row ends', async () => {
      await desk.command('hangup');
      await expect(row).toContainText('Call ended');
    });
  });

  test('blind transfer: the browser transfers 2001 to another browser; they talk through the relay', async ({
    phoneUser,
  }) => {
    const desk = await deskPhone('2001');
    const [b, c] = await Promise.all([phoneUser('1005'), phoneUser('1006')]);
    const bRow = await callDesk(b, '2001');
    await expect(bRow).toContainText('In call');
    await desk.waitForEvent('CALL_ESTABLISHED');

    await rowButton(bRow, 'Transfer').click();
    await dial(b.page, c.ext);
    const cRow = callRow(c.page, '2001');
    await expect(cRow, 'the desk phone calls the transfer target').toContainText('Incoming call');
    await rowButton(cRow, 'Answer').click();
    await expect(cRow).toContainText('In call');
    await Promise.all([waitForAudio(c), expectDeskHears('2001')]);
    await expect(bRow).toContainText('Transferred');
    await rowButton(cRow, 'Hang up').click();
    await expect(cRow).toContainText('Call ended');
  });

  test('attended transfer: the browser consults 2001, then hands the other browser over to it', async ({
    phoneUser,
  }) => {
    const desk = await deskPhone('2001');
    const [b, c] = await Promise.all([phoneUser('1007'), phoneUser('1008')]);
    const { rowA: bRowC } = await establishCall(b, c);
    const bRowDesk = await callDesk(b, '2001');
    await expect(bRowDesk).toContainText('In call');
    await desk.waitForEvent('CALL_ESTABLISHED');
    await expect(bRowC).toContainText('On hold');

    await rowButton(bRowC, 'Transfer').click();
    await rowButton(bRowDesk, 'Transfer here').click();
    const cRow = callRow(c.page, '2001');
    await expect(cRow, 'C now talks to the desk phone').toContainText('In call');
    await Promise.all([waitForAudio(c), expectDeskHears('2001')]);
    await expect(callsRegion(b.page).getByRole('listitem'), 'B is free').toHaveCount(0, { timeout: 8_000 });
    await rowButton(cRow, 'Hang up').click();
    await expect(cRow).toContainText('Call ended');
  });

  test('a call between two browsers stays peer-to-peer: the relay is not asked', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1003'), phoneUser('1004')]);
    const offers = relayOffers();
    const { rowA } = await establishCall(a, b);
    await waitForAudio(b);
    expect(relayOffers()).toBe(offers);
    await rowButton(rowA, 'Hang up').click();
  });

  test('early media: the tone of 2002 (183 Session Progress, never answered) is heard while the call still rings', async ({
    phoneUser,
  }) => {
    const a = await phoneUser('1004');
    const row = await callDesk(a, '2002');
    await expect(row).toContainText(/Ringing|Calling…/);
    await waitForAudio(a);
    await expect(row, 'still not answered').toContainText(/Ringing|Calling…/);
    await rowButton(row, 'Hang up').click();
    await expect(row).toContainText('Cancelled');
  });
});
