// What bench/push-answer.mjs runs inside the browser: init scripts for every page of the callee's
// context (before any app code), and the functions it evaluates in the app's service worker.
// Plain JS: Playwright sends each function as source text.

/**
 * PushManager answers with a subscription of the bench's local push service (real P-256 keys):
 * Chromium's own subscribe() cannot reach a push service in the loopback-only namespace (the same
 * stub as e2e/web-push.spec.ts).
 */
export function stubPushManager(s) {
  const FLAG = 'bench-push-subscribed';
  const bytes = (b64url) => {
    const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)).buffer;
  };
  const make = (serverKey) => ({
    endpoint: s.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: serverKey },
    getKey: (name) => bytes(name === 'p256dh' ? s.p256dh : s.auth),
    toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: { p256dh: s.p256dh, auth: s.auth } }),
    unsubscribe: () => {
      localStorage.removeItem(FLAG);
      return Promise.resolve(true);
    },
  });
  const proto = PushManager.prototype;
  proto.subscribe = (opts) => {
    localStorage.setItem(FLAG, '1');
    const key = opts?.applicationServerKey;
    return Promise.resolve(make(key instanceof ArrayBuffer ? key : (key?.buffer ?? null)));
  };
  proto.getSubscription = () => Promise.resolve(localStorage.getItem(FLAG) ? make(null) : null);
  proto.permissionState = () => Promise.resolve('granted');
}

/**
 * The answer clock, on the wall clock (performance.timeOrigin + now, comparable with the worker's):
 * `domContentLoaded` (the shell is parsed), `socketOpen` (the PBX's WebSocket is open),
 * `registered` (the registration status first reads "Registered"), `incoming` (the call's row
 * appears: the held INVITE arrived), `inCall` (the row first reads "In call"), all seen by a
 * MutationObserver; `firstPacket` and `audible` when the app's peer connection first reports
 * inbound audio packets, then a non-zero audio level (getStats every 20 ms). Read by the bench
 * through DevTools, without a user gesture.
 */
export function installAnswerClock(caller) {
  if (location.protocol !== 'http:' || window.__answerClock) return;
  const now = () => performance.timeOrigin + performance.now();
  const clock = {
    navigationStart: performance.timeOrigin,
    domContentLoaded: null,
    socketOpen: null,
    registered: null,
    incoming: null,
    inCall: null,
    firstPacket: null,
    audible: null,
  };
  Object.defineProperty(window, '__answerClock', { value: clock });
  document.addEventListener('DOMContentLoaded', () => (clock.domContentLoaded = now()), { once: true });

  const rows = () =>
    [...document.querySelectorAll('section[aria-labelledby="calls-title"] li')].filter((li) =>
      li.textContent.includes(caller),
    );
  const registered = () =>
    [...document.querySelectorAll('[role="status"]')].some((el) => el.textContent.trim() === 'Registered');
  // a mutation of the DOM: registered, the call's row (the held INVITE arrived), then "In call"
  const observer = new MutationObserver(() => {
    const t = now();
    if (clock.registered === null && registered()) clock.registered = t;
    const mine = rows();
    if (clock.incoming === null && mine.length > 0) clock.incoming = t;
    if (clock.inCall !== null || !mine.some((li) => li.textContent.includes('In call'))) return;
    clock.inCall = t;
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });

  window.WebSocket = new Proxy(window.WebSocket, {
    construct(target, args, newTarget) {
      const ws = Reflect.construct(target, args, newTarget);
      ws.addEventListener('open', () => (clock.socketOpen ??= now()), { once: true });
      return ws;
    },
  });

  const pcs = [];
  let polling = false;
  const poll = async () => {
    for (const pc of pcs) {
      if (pc.signalingState === 'closed') continue;
      const report = await pc.getStats().catch(() => new Map());
      const t = now();
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'audio' || !(s.packetsReceived > 0)) return;
        clock.firstPacket ??= t;
        if (s.audioLevel > 0) clock.audible ??= t;
      });
    }
    if (clock.audible === null) setTimeout(poll, 20);
  };
  window.RTCPeerConnection = new Proxy(window.RTCPeerConnection, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget);
      pcs.push(pc);
      if (!polling) setTimeout(poll, 20);
      polling = true;
      return pc;
    },
  });
}

/**
 * In the worker: waits up to 2 s for the pushed call's notification (false when it is not there),
 * then makes clients.openWindow note the URL it is asked for instead of opening it. A click
 * dispatched by a script carries no user activation, so Chromium would refuse the window; the bench
 * opens that URL itself.
 */
export async function armWorker(tag) {
  const deadline = Date.now() + 2000;
  while ((await self.registration.getNotifications({ tag })).length === 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  if (self.__benchOpen) return true;
  self.__benchOpen = [];
  self.clients.openWindow = (url) => {
    const at = performance.timeOrigin + performance.now();
    for (const resolve of self.__benchOpen.splice(0)) resolve({ url: String(url), at });
    return Promise.resolve(null);
  };
  return true;
}

/** In the worker: Answer on the notification (t0), resolved with the URL the worker opens. */
export async function clickAnswer(tag) {
  const [notification] = await self.registration.getNotifications({ tag });
  const opened = new Promise((resolve, reject) => {
    self.__benchOpen.push(resolve);
    setTimeout(() => reject(new Error('the worker opened no window within 5 s')), 5000);
  });
  const t0 = performance.timeOrigin + performance.now();
  self.dispatchEvent(new NotificationEvent('notificationclick', { notification, action: 'answer' }));
  const { url, at } = await opened;
  return { t0, url, openWindowAt: at };
}
