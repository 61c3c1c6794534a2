/**
 * One PBX for the whole run (ports 8088/5060, as the e2e build expects): Kamailio, the media relay,
 * desk phone 2001, the early-media line 2002, the TURN server (coturn on 3478) and the Web Push
 * sender (8089, calls held 6 s for a woken app) (pbx/start.sh); stopped by the returned teardown.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pbxRunDir, startPbx } from './support/pbx';
import { SUITE_PBX } from './support/pbx-fault';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.SOFTPHONE_NETNS !== '1' && process.env.E2E_ALLOW_HOST_NETWORK !== '1') {
    throw new Error(
      'The e2e suite runs inside a loopback-only network namespace: use `npm run test:e2e` ' +
        '(scripts/e2e.sh builds the app and enters the namespace). E2E_ALLOW_HOST_NETWORK=1 skips this check.',
    );
  }
  // push bindings outlive a PBX restart: a run starts without those of an earlier run
  for (const file of ['push.sqlite', 'push.sqlite-wal', 'push.sqlite-shm'])
    rmSync(join(pbxRunDir('pbx'), file), { force: true });
  const pbx = await startPbx(SUITE_PBX);
  return () => pbx.stop();
}
