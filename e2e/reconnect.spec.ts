/**
 * Calls that survive a PBX restart: the suite's real Kamailio is killed by pid and started again
 * (same ports). The browsers keep their peer-to-peer audio, re-register by themselves, and the
 * dialog still works afterwards: a BYE or a re-INVITE from the other side reaches the new
 * WebSocket (target refresh, src/phone/jssip/target-refresh.ts; pbx/kamailio.cfg.tmpl DLG_TARGET).
 */
import type { Locator } from '@playwright/test';
import {
  callRow,
  dial,
  establishCall,
  expect,
  registration,
  rowButton,
  test,
  waitForAudio,
  type Phone,
} from './fixtures';
import { expectHistory } from './support/call-history';
import { DeskPhone, receivedAudio, relayOffers } from './support/desk-phone';
import { killPbx, restartPbx, SUITE_PBX } from './support/pbx-fault';
import { startTcpProxy } from './support/tcp-proxy';

/** the phones retry about once a second (keepalive.ts, socket-guard.ts), plus the PBX start itself */
const REREGISTER_MS = 30_000;

async function outage(signal: 'SIGTERM' | 'SIGKILL', downMs: number, phones: Phone[]): Promise<void> {
  await test.step(`PBX ${signal}, down ${downMs / 1000} s, started again`, async () => {
    await killPbx(signal);
    await Promise.all(phones.map((p) => expect(registration(p.page)).not.toHaveText('Registered')));
    await restartPbx(downMs);
  });
  await test.step('both phones register again by themselves', async () => {
    await Promise.all(
      phones.map((p) =>
        expect(registration(p.page), `${p.ext} re-registers`).toHaveText('Registered', {
          timeout: REREGISTER_MS,
        }),
      ),
    );
  });
}

/** Resume: the Hold toggle pressed, or a button named Resume (as in audio.spec.ts) */
function resumeButton(row: Locator): Locator {
  return rowButton(row, 'Resume').or(row.getByRole('button', { name: 'Hold', exact: true, pressed: true }));
}

/** Desk phone 2001 decodes more than another second of audible audio from now on. */
async function expectDeskHearsMore(): Promise<void> {
  const before = receivedAudio('2001')?.seconds ?? 0;
  await expect
    .poll(
      () => {
        const a = receivedAudio('2001', 1);
        return a !== null && a.seconds > before + 1 && a.rms > 100;
      },
      { message: 'desk phone 2001 hears the browser', timeout: 15_000, intervals: [250] },
    )
    .toBe(true);
}

async function hangUpAndExpectEnded(from: Locator, to: Locator): Promise<void> {
  await rowButton(from, 'Hang up').click();
  await expect(from).toContainText('Call ended');
  // the BYE must reach the other side's new connection: a few seconds, not "In call" forever
  await expect(to, 'the other side ends too').toContainText('Call ended', { timeout: 5_000 });
}

test.describe('calls across a PBX restart', () => {
  test.describe.configure({ timeout: 150_000 });

  test('SIGTERM mid-call, restart after 5 s: audio keeps flowing, the caller hangs up and the callee ends', async ({
    phoneUser,
  }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    const { rowA, rowB } = await establishCall(a, b);
    const answered = Date.now();
    await Promise.all([waitForAudio(a), waitForAudio(b)]);

    await outage('SIGTERM', 5_000, [a, b]);
    await test.step('the call is still up and audio flows both ways', async () => {
      await expect(rowA).toContainText('In call');
      await expect(rowB).toContainText('In call');
      await Promise.all([waitForAudio(a), waitForAudio(b)]);
    });
    await test.step('1001 hangs up: 1002 ends within seconds', () => hangUpAndExpectEnded(rowA, rowB));
    const talked = Date.now() - answered;
    await expectHistory(a, '1002', talked);
    await expectHistory(b, '1001', talked);
  });

  test('SIGKILL mid-call, 30 s down: the callee hangs up and the caller ends', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    const { rowA, rowB } = await establishCall(a, b);
    const answered = Date.now();
    await Promise.all([waitForAudio(a), waitForAudio(b)]);

    // the crash length: ~30 refused reconnects each, which Chromium's WebSocket throttle
    // would turn into seconds of delay without the guard's HTTP probe (reach-probe.ts)
    await outage('SIGKILL', 30_000, [a, b]);
    await test.step('audio still flows both ways', () => Promise.all([waitForAudio(a), waitForAudio(b)]));
    await test.step('1002 hangs up: 1001 ends within seconds', () => hangUpAndExpectEnded(rowB, rowA));
    const talked = Date.now() - answered;
    await expectHistory(a, '1002', talked);
    await expectHistory(b, '1001', talked);
  });

  test('a call on hold during a restart resumes with audio both ways', async ({ phoneUser }) => {
    const [a, b] = await Promise.all([phoneUser('1001'), phoneUser('1002')]);
    const { rowA, rowB } = await establishCall(a, b);
    const answered = Date.now();
    await rowButton(rowA, 'Hold').click();
    await expect(rowA).toContainText('On hold');
    await expect(rowB).toContainText('Held by other party');

    await outage('SIGTERM', 3_000, [a, b]);
    await test.step('1001 resumes: audio flows both ways', async () => {
      await expect(rowA).toContainText('On hold');
      await resumeButton(rowA).click();
      await expect(rowA).toContainText('In call');
      await expect(rowB).toContainText('In call');
      await Promise.all([waitForAudio(a), waitForAudio(b)]);
    });
    await test.step('1002 hangs up: 1001 ends within seconds', () => hangUpAndExpectEnded(rowB, rowA));
    const talked = Date.now() - answered;
    await expectHistory(a, '1002', talked);
    await expectHistory(b, '1001', talked);
  });

  test('WebSocket reset with the PBX running: the call goes on and a hang-up from the far side arrives', async ({
    phoneUser,
  }) => {
    const proxy = await startTcpProxy(SUITE_PBX.wsPort);
    try {
      const [a, b] = await Promise.all([phoneUser('1001', { wsUrl: proxy.wsUrl }), phoneUser('1002')]);
      const { rowA, rowB } = await establishCall(a, b);
      const answered = Date.now();
      await Promise.all([waitForAudio(a), waitForAudio(b)]);

      await test.step("1001's WebSocket is reset (RST both ways); it reconnects and registers", async () => {
        const before = proxy.accepted;
        proxy.reset();
        await expect(registration(a.page)).not.toHaveText('Registered');
        await expect(registration(a.page)).toHaveText('Registered', { timeout: REREGISTER_MS });
        expect(proxy.accepted).toBeGreaterThan(before);
      });
      await test.step('audio still flows both ways', () => Promise.all([waitForAudio(a), waitForAudio(b)]));
      await test.step('1002 hangs up: 1001 ends within seconds', () => hangUpAndExpectEnded(rowB, rowA));
      const talked = Date.now() - answered;
      await expectHistory(a, '1002', talked);
      await expectHistory(b, '1001', talked);
    } finally {
      await proxy.close();
    }
  });

  test('WebSocket reset in a call with desk phone 2001: the refresh goes through the media relay and audio keeps flowing', async ({
    phoneUser,
  }) => {
    const proxy = await startTcpProxy(SUITE_PBX.wsPort);
    const desk = await DeskPhone.open('2001');
    try {
      const a = await phoneUser('1001', { wsUrl: proxy.wsUrl });
      await dial(a.page, '2001');
      const row = callRow(a.page, '2001');
      await expect(row).toContainText('In call');
      await desk.waitForEvent('CALL_ESTABLISHED');
      await Promise.all([waitForAudio(a), expectDeskHearsMore()]);

      const offers = relayOffers();
      proxy.reset();
      await expect(registration(a.page)).not.toHaveText('Registered');
      await expect(registration(a.page)).toHaveText('Registered', { timeout: REREGISTER_MS });
      await expect
        .poll(relayOffers, { message: 'the refresh re-INVITE went through the relay', timeout: 10_000 })
        .toBeGreaterThan(offers);
      await Promise.all([waitForAudio(a), expectDeskHearsMore()]);

      await test.step("the desk phone hangs up: its BYE reaches the browser's new connection", async () => {
        await desk.command('hangup');
        await expect(row).toContainText('Call ended', { timeout: 5_000 });
      });
    } finally {
      await desk.close();
      await proxy.close();
    }
  });
});
