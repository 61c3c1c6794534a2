import {
  callRow,
  dial,
  establishCall,
  expect,
  expectSilence,
  pcTowards,
  rowButton,
  test,
  waitForAudio,
} from './fixtures';

test('B juggles two calls: answering C holds A, double-clicking A swaps back, and the audio follows', async ({
  phoneUser,
}) => {
  test.setTimeout(90_000);
  const [a, b, c] = await Promise.all([phoneUser('1006'), phoneUser('1007'), phoneUser('1008')]);
  const { rowA, rowB: bRowA } = await establishCall(a, b);
  await waitForAudio(a);

  const bRowC = callRow(b.page, c.ext);
  const rowC = callRow(c.page, b.ext);
  await test.step('C calls B and B answers C: A goes on hold', async () => {
    await dial(c.page, b.ext);
    await expect(bRowC).toContainText('Incoming call');
    await rowButton(bRowC, 'Answer').click();
    await expect(bRowA).toContainText('On hold');
    await expect(bRowC).toContainText('In call');
    await expect(rowA).toContainText('Held by other party');
    await expect(rowC).toContainText('In call');
  });

  // B's two peer connections, told apart by the DTLS fingerprints of the far ends.
  const bToA = await pcTowards(b, a);
  const bToC = await pcTowards(b, c);
  expect(bToA).not.toBe(bToC);

  await test.step('audio: B and C hear each other, A and B do not', async () => {
    await Promise.all([waitForAudio(c), waitForAudio(b, bToC), expectSilence(a), expectSilence(b, bToA)]);
  });

  await test.step('B double-clicks the held row: A is back, C goes on hold', async () => {
    // on the caller name at the top of the row, as a user would: double-clicks on buttons stay theirs
    await bRowA.dblclick({ position: { x: 24, y: 14 } });
    await expect(bRowA).toContainText('In call');
    await expect(bRowC).toContainText('On hold');
    await expect(rowA).toContainText('In call');
    await expect(rowC).toContainText('Held by other party');
  });

  await test.step('audio follows: A and B hear each other again, C hears nothing', async () => {
    await Promise.all([waitForAudio(a), waitForAudio(b, bToA), expectSilence(c), expectSilence(b, bToC)]);
  });
});
