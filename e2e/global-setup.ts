/**
 * One PBX for the whole run (ports 8088/5060, as the e2e build expects): Kamailio, the media relay,
 * desk phone 2001, the early-media line 2002 and the TURN server (coturn on 3478) (pbx/start.sh);
 * stopped by the returned teardown.
 */
import { startPbx } from './support/pbx';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.SOFTPHONE_NETNS !== '1' && process.env.E2E_ALLOW_HOST_NETWORK !== '1') {
    throw new Error(
      'The e2e suite runs inside a loopback-only network namespace: use `npm run test:e2e` ' +
        '(scripts/e2e.sh builds the app and enters the namespace). E2E_ALLOW_HOST_NETWORK=1 skips this check.',
    );
  }
  const pbx = await startPbx({ name: 'pbx', wsPort: 8088, sipPort: 5060, turnPort: 3478 });
  return () => pbx.stop();
}
