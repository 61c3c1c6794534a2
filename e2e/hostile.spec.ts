import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Socket as TcpSocket } from 'node:net';
import { writeFileSync } from 'node:fs';
import {
  alert,
  callRow,
  dial,
  expect,
  pcTowards,
  registration,
  rowButton,
  test,
  waitForAudio,
} from './fixtures';
import { BIG_PADDING, bigInviteScenario, hostileOutOfDialogScenario } from './support/hostile-out';
import { runSipp, type SippRun } from './support/sipp';

/** Swallows the RTP/ICE packets the browser sends towards SIPp's SDP: no ICMP, so ICE just waits. */
function blackHole(port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => socket.bind(port, '127.0.0.1', () => resolve(socket)));
}

test('odd and hostile SIP requests all get an answer, and the phone can still call a colleague', async ({
  phoneUser,
}) => {
  test.setTimeout(60_000);
  const holes = await Promise.all([blackHole(40000), blackHole(40002)]);
  const [a, b] = await Promise.all([phoneUser('1007'), phoneUser('1008')]);
  const outDir = test.info().outputPath('sipp');

  const scenarioFile = (name: string, xml: string): string => {
    const file = test.info().outputPath(name);
    writeFileSync(file, xml);
    return file;
  };
  const passed = async (run: SippRun, name: string): Promise<void> => {
    const code = await run.done;
    expect(code, `SIPp (${name}) failed:\n${run.errors()}\n${run.messages().slice(-4000)}`).toBe(0);
  };

  await test.step('out of dialog: OPTIONS 200, MESSAGE 405, an INVITE with 100 extra headers rings', async () => {
    const scenario = scenarioFile('hostile-out.xml', hostileOutOfDialogScenario());
    await passed(runSipp({ scenario, service: a.ext, localPort: 5072, outDir, timeoutMs: 20_000 }), 'out');
  });

  await test.step('an INVITE with 60 KB of SDP rings and the page stays usable: the user declines it', async () => {
    const big = bigInviteScenario();
    const scenario = scenarioFile('big-invite.xml', big.xml);
    const inf = scenarioFile('big-invite.csv', big.csv);
    const run = runSipp({ scenario, inf, service: a.ext, localPort: 5074, outDir, timeoutMs: 20_000 });
    const row = callRow(a.page, 'Hostile Tester');
    await expect(row).toContainText('Incoming call');
    await rowButton(row, 'Decline').click();
    await passed(run, 'big INVITE');
    const sent = /Content-Length: *(\d+)/.exec(run.messages().split('INVITE sip:')[1] ?? '');
    expect(Number(sent?.[1]), 'SDP bytes SIPp sent').toBeGreaterThanOrEqual(BIG_PADDING);
  });

  const sipp = runSipp({
    scenario: 'pbx/sipp/hostile-dialog.xml',
    service: a.ext,
    localPort: 5076,
    outDir,
    timeoutMs: 45_000,
  });
  const hostileRow = callRow(a.page, 'Hostile Dialog');

  await test.step('the user answers the foreign call; REFER garbage, FROBNICATE and odd INFO are answered', async () => {
    await expect(hostileRow).toContainText('Incoming call');
    await rowButton(hostileRow, 'Answer').click();
    await expect(hostileRow).toContainText('In call');
    // SIPp's scenario fails unless it gets 400, 501 and 200; wait until the INFO is answered
    await expect
      .poll(() => /SIP\/2\.0 200[^\n]*\n(?:[^\n]+\n)*?CSeq: 4 INFO/.test(sipp.messages()), {
        timeout: 10_000,
      })
      .toBe(true);
    await expect(hostileRow).toContainText('In call');
  });

  const rowA = callRow(a.page, b.ext);
  const rowB = callRow(b.page, a.ext);
  await test.step('calling a colleague: the hold re-INVITE hangs, the new call goes out anyway', async () => {
    const t0 = Date.now();
    await dial(a.page, b.ext);
    await expect(rowB).toContainText('Incoming call', { timeout: 12_000 });
    expect(Date.now() - t0, 'the new call waits for the hung hold at most ~8 s').toBeLessThan(11_000);
    await expect(hostileRow).toContainText('did not answer in time');
    await rowButton(rowB, 'Answer').click();
    await expect(rowA).toContainText('In call');
    await expect(rowB).toContainText('In call');
  });

  await test.step('audio flows both ways between the colleagues (getStats)', async () => {
    await Promise.all([waitForAudio(b), waitForAudio(a, await pcTowards(a, b))]);
  });

  await test.step('the late hold answer and the BYE end the hostile call; SIPp saw every answer it expected', async () => {
    await passed(sipp, 'dialog');
    await expect(hostileRow).toHaveCount(0, { timeout: 10_000 });
    await expect(rowA).toContainText('In call');
  });
  holes.forEach((h) => h.close());
});

test('a wss:// URL whose server accepts the connection and never answers: a clear error after 10 s', async ({
  phoneUser,
}) => {
  // accepts TCP, never says a word: the TLS handshake (and so the WebSocket) never completes
  const held: TcpSocket[] = [];
  const silent = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(8095, '127.0.0.1', resolve));
  try {
    const u = await phoneUser('1006', { wsUrl: 'wss://127.0.0.1:8095', waitRegistered: false });
    await expect(registration(u.page)).toHaveText('Connecting…');
    await expect(alert(u.page, 'did not open the connection within 10 seconds')).toBeVisible({
      timeout: 15_000,
    });
    await expect(registration(u.page)).not.toHaveText('Registered');
  } finally {
    held.forEach((s) => s.destroy());
    silent.close();
  }
});
