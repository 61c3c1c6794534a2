import { createLogger } from '@/lib/logger';
import { watch } from 'vue';
import type { PhoneStore } from '../call/phone';
import { createAutoAnswer, trustedLaunchAnswer, type AnswerIntent } from '../app/push-answer';
import { browserAnswerSource, type AnswerSource } from '../app/push-api';

const log = createLogger('push');

/**
 * Answer clicked in a pushed notification (docs/web-push.md): the worker either opened the app
 * with `?answer=<Call-ID>` (trusted only with the worker's record of the click) or told this open
 * window `{type: 'answer-call', callId}`. The app signs in as usual; the incoming call with that
 * Call-ID is answered as soon as it rings here, within 30 s. Returns `dispose()`.
 */
export function bindPushAnswer(
  stores: { phone: Pick<PhoneStore, 'calls' | 'answer'> },
  source: AnswerSource = browserAnswerSource,
  now: () => number = Date.now,
): () => void {
  const { phone } = stores;
  const auto = createAutoAnswer(now);
  const tryAnswer = () => {
    const id = auto.pick(phone.calls);
    if (id) void phone.answer(id);
  };
  const expect = (intent: AnswerIntent) => {
    auto.expect(intent.callId, intent.at);
    tryAnswer();
  };

  const param = source.launchParam();
  if (param !== null) {
    // a reload must not answer again: the parameter goes at once, the worker's record too
    source.clearLaunchParam();
    void source
      .takeIntent()
      .then((intent) => {
        const trusted = trustedLaunchAnswer(param, intent, now());
        if (trusted) expect(trusted);
      })
      .catch((error: unknown) => log.warn('push answer: no record of the click', error));
  }
  const stopMessages = source.onAnswer((callId) => expect({ callId, at: now() }));
  const stopWatch = watch(() => phone.calls, tryAnswer, { deep: true });
  return () => {
    stopMessages();
    stopWatch();
  };
}
