// Runs inside the app's page (addInitScript, before the app's own scripts): timestamps, on the
// page's clock (performance.now(), 0 = navigation start), the SIP messages the app receives and
// what it shows and plays in answer. Nothing here changes what the app does.
export function installRingBench() {
  const marks = { registeredAt: null, connect: {}, samples: [], current: null };
  window.ringBench = marks;
  const now = () => performance.now();
  // the frame that holds the change has been painted: a task posted from its rAF callback runs
  // after that frame's rendering (a double rAF would add a whole frame of waiting)
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(now());
      channel.port2.postMessage(null);
    });

  const answerShown = () =>
    [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Answer');
  const observer = new MutationObserver(() => {
    const sample = marks.current;
    if (!sample || sample.dom !== null || !answerShown()) return;
    sample.dom = now();
    afterPaint((t) => (sample.painted = t));
  });

  function onSip(text) {
    if (text.startsWith('SIP/2.0 200') && /\nCSeq:\s*\d+ REGISTER/i.test(text)) marks.registeredAt ??= now();
    if (text.startsWith('INVITE ') && !/\nTo:[^\n]*;tag=/i.test(text)) {
      marks.current = { invite: now(), dom: null, painted: null, play: null, playing: null };
      marks.samples.push(marks.current);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    }
  }

  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      marks.connect.created ??= now();
      this.addEventListener('open', () => (marks.connect.open ??= now()));
      // added before the app sets onmessage, so it runs first
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string') onSip(event.data);
      });
    }
  };

  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    if (typeof data === 'string' && data.startsWith('REGISTER ')) marks.connect.register ??= now();
    return send.call(this, data);
  };

  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (...args) {
    const sample = marks.current;
    if (sample && sample.play === null) {
      sample.play = now();
      this.addEventListener('playing', () => (sample.playing ??= now()), { once: true });
    }
    return play.apply(this, args);
  };
}
