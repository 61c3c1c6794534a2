import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { callRow, dial, expect, rowButton, test } from './fixtures';

/**
 * The README's screenshots (docs/screenshots/): one phone with a held call, an active call and a
 * third one ringing, in light and dark, in a wide and a small window. Runs only with
 * SCREENSHOTS=1 (`npm run screenshots`), never in the test suite.
 */
test.skip(!process.env.SCREENSHOTS, 'run with npm run screenshots');

const OUT = path.join(import.meta.dirname, '..', 'docs', 'screenshots');

test('README screenshots', async ({ phoneUser }) => {
  mkdirSync(OUT, { recursive: true });
  const [alice, bruno, carla, me] = await Promise.all([
    phoneUser('1001', { displayName: 'Alice Martin' }),
    phoneUser('1002', { displayName: 'Bruno Keller' }),
    phoneUser('1003', { displayName: 'Carla Rossi' }),
    phoneUser('1004', { displayName: 'Dana Weber' }),
  ]);
  await dial(alice.page, me.ext);
  await rowButton(callRow(me.page, alice.ext), 'Answer').click();
  await expect(callRow(me.page, alice.ext)).toContainText('In call');
  await dial(bruno.page, me.ext);
  await rowButton(callRow(me.page, bruno.ext), 'Answer').click();
  await expect(callRow(me.page, alice.ext)).toContainText('On hold');
  await dial(carla.page, me.ext);
  await expect(callRow(me.page, carla.ext)).toContainText('Incoming call');

  for (const [name, size] of [
    ['wide', { width: 1366, height: 768 }],
    ['small', { width: 800, height: 600 }],
  ] as const) {
    await me.page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await me.page.emulateMedia({ colorScheme: scheme });
      await me.page.mouse.move(0, 0);
      // transitions finished: buttons would be caught half-way between the two palettes
      await me.page.screenshot({ path: path.join(OUT, `${name}-${scheme}.png`), animations: 'disabled' });
    }
  }
});
