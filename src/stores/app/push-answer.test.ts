import { describe, expect, it, vi } from 'vitest';
import { nextTick, reactive } from 'vue';
import { bindPushAnswer } from '../bridges/push-answer-bridge';
import { AUTO_ANSWER_MS, createAutoAnswer, trustedLaunchAnswer } from './push-answer';
import type { AnswerSource } from './push-api';
import { makeCall } from '../testing/fake-phone';

const ringing = (id: string, sipCallId: string, extra = {}) =>
  makeCall({ id, direction: 'incoming', state: 'incoming_ringing', sipCallId, ...extra });

describe('auto-answer after Answer in a pushed notification', () => {
  it('answers only the ringing call with that Call-ID', () => {
    let t = 1_000;
    const auto = createAutoAnswer(() => t);
    auto.expect('abc@pbx');
    expect(
      auto.pick([
        ringing('c1', 'other@pbx'),
        makeCall({ id: 'c2', state: 'answered', sipCallId: 'abc@pbx' }),
      ]),
    ).toBeNull();
    expect(auto.pick([ringing('c3', 'abc@pbx', { screened: true })])).toBeNull();
    t += 5_000;
    expect(auto.pick([ringing('c1', 'other@pbx'), ringing('c4', 'abc@pbx')])).toBe('c4');
    // once: the same Call-ID ringing again (a second fork) is not answered on its own
    expect(auto.pick([ringing('c5', 'abc@pbx')])).toBeNull();
  });

  it('never after 30 s', () => {
    let t = 1_000;
    const auto = createAutoAnswer(() => t);
    auto.expect('abc@pbx');
    t += AUTO_ANSWER_MS + 1;
    expect(auto.pick([ringing('c1', 'abc@pbx')])).toBeNull();
    expect(auto.pending).toBeNull();
  });

  it('a launch ?answer= counts only with the worker’s fresh record of that click', () => {
    const now = 100_000;
    const intent = { callId: 'abc@pbx', at: now - 2_000 };
    expect(trustedLaunchAnswer('abc@pbx', intent, now)).toEqual(intent);
    expect(trustedLaunchAnswer('abc@pbx', null, now)).toBeNull(); // forged link: no click recorded
    expect(trustedLaunchAnswer('evil@x', intent, now)).toBeNull(); // another Call-ID than clicked
    expect(trustedLaunchAnswer('abc@pbx', { ...intent, at: now - AUTO_ANSWER_MS - 1 }, now)).toBeNull(); // stale
    expect(trustedLaunchAnswer('abc@pbx', { ...intent, at: now + 60_000 }, now)).toBeNull();
    expect(trustedLaunchAnswer(null, intent, now)).toBeNull();
  });

  function fakeSource(param: string | null, intent: { callId: string; at: number } | null) {
    let listener: ((callId: string) => void) | null = null;
    const source = {
      launchParam: vi.fn(() => param),
      clearLaunchParam: vi.fn(),
      takeIntent: vi.fn(() => Promise.resolve(intent)),
      onAnswer: (fn: (callId: string) => void) => {
        listener = fn;
        return () => (listener = null);
      },
    } satisfies AnswerSource;
    return { source, post: (callId: string) => listener?.(callId) };
  }

  function phone() {
    return reactive({ calls: [] as ReturnType<typeof makeCall>[], answer: vi.fn(() => Promise.resolve()) });
  }

  it('cold start with ?answer= and the record: answers that call when it rings, clears the URL', async () => {
    const p = phone();
    const { source } = fakeSource('abc@pbx', { callId: 'abc@pbx', at: 1_000 });
    bindPushAnswer({ phone: p }, source, () => 2_000);
    expect(source.clearLaunchParam).toHaveBeenCalled();
    await vi.waitFor(() => expect(source.takeIntent).toHaveBeenCalled());
    await Promise.resolve();
    p.calls.push(ringing('c1', 'other@pbx'));
    await nextTick();
    expect(p.answer).not.toHaveBeenCalled();
    p.calls.push(ringing('c2', 'abc@pbx'));
    await nextTick();
    expect(p.answer).toHaveBeenCalledExactlyOnceWith('c2');
  });

  it('a forged ?answer= (no record) answers nothing', async () => {
    const p = phone();
    const { source } = fakeSource('abc@pbx', null);
    bindPushAnswer({ phone: p }, source, () => 2_000);
    await vi.waitFor(() => expect(source.takeIntent).toHaveBeenCalled());
    p.calls.push(ringing('c1', 'abc@pbx'));
    await nextTick();
    expect(p.answer).not.toHaveBeenCalled();
  });

  it('an open window told by the worker answers the matching call already ringing', () => {
    const p = phone();
    p.calls.push(ringing('c1', 'abc@pbx'));
    const { source, post } = fakeSource(null, null);
    bindPushAnswer({ phone: p }, source, () => 2_000);
    post('abc@pbx');
    expect(p.answer).toHaveBeenCalledExactlyOnceWith('c1');
    expect(source.takeIntent).not.toHaveBeenCalled();
  });
});
