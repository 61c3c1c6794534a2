/**
 * What the page and the service worker share for Web Push (docs/web-push.md, "The app side"):
 * the CacheStorage entries both sides can open, the words the worker shows, and the messages
 * they exchange. Plain types and constants only, so both the app and the worker build import it.
 */

/** the notification texts, in the user's language */
export interface PushWords {
  incoming: string;
  answer: string;
  decline: string;
  missed: string;
  /** body of the neutral notification (a push the worker could not read) */
  neutral: string;
}

/** what the page leaves for the worker: where Decline goes, and the words */
export interface PushWorkerConfig {
  pushUrl: string;
  words: PushWords;
}

/** what the app reads to trust a `?answer=` launch: the worker wrote it on the user's click */
export interface AnswerIntent {
  callId: string;
  at: number;
}

/** what an open window receives for Answer (stores/bridges/push-answer-bridge.ts) */
export interface AnswerCallMessage {
  type: 'answer-call';
  callId: string;
}

export const PUSH_CACHE = 'softphone-push';
export const PUSH_CONFIG_PATH = '/__push-config';
/** the user's Answer click, proof for the app that a `?answer=` link came from us */
export const ANSWER_INTENT_PATH = '/__push-answer';
/** the worker's message to open windows after it re-subscribed */
export const PUSH_RENEWED = 'push-subscription-renewed';
/** the launch URL's parameter naming the call to answer */
export const ANSWER_PARAM = 'answer';
