// Runs inside the app's page (addInitScript, before the app's own scripts): keeps weak references to
// every peer connection, AudioContext and media track the page creates, so the soak benchmark can
// count what is still open after its calls without keeping anything alive itself.
export function installSoakBench() {
  const refs = { pcs: [], contexts: [], tracks: [] };
  const keep = (list, object) => list.push(new WeakRef(object));
  const trackAll = (stream) => stream.getTracks().forEach((t) => keep(refs.tracks, t));

  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(...args) {
      super(...args);
      keep(refs.pcs, this);
      this.addEventListener('track', (event) => keep(refs.tracks, event.track));
    }
  };
  const NativeContext = window.AudioContext;
  window.AudioContext = class extends NativeContext {
    constructor(...args) {
      super(...args);
      keep(refs.contexts, this);
    }
    createMediaStreamDestination() {
      const node = super.createMediaStreamDestination();
      trackAll(node.stream);
      return node;
    }
  };
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (...args) {
    const stream = await getUserMedia.apply(this, args);
    trackAll(stream);
    return stream;
  };
  const clone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function () {
    const copy = clone.call(this);
    keep(refs.tracks, copy);
    return copy;
  };

  const alive = (list, open) => list.map((r) => r.deref()).filter((o) => o !== undefined && open(o));
  window.soakBench = {
    /** what is still open, and how much the page has */
    count() {
      return {
        peerConnections: alive(refs.pcs, (pc) => pc.signalingState !== 'closed').length,
        audioContexts: alive(refs.contexts, (c) => c.state !== 'closed').length,
        liveTracks: alive(refs.tracks, (t) => t.readyState === 'live').length,
        domNodes: document.getElementsByTagName('*').length,
        created: { peerConnections: refs.pcs.length, tracks: refs.tracks.length },
      };
    },
    /** audio received on the open connections: packets and the last level */
    async audio() {
      let packets = 0;
      let level = 0;
      for (const pc of alive(refs.pcs, (p) => p.signalingState !== 'closed')) {
        const report = await pc.getStats();
        report.forEach((s) => {
          if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
          packets += s.packetsReceived ?? 0;
          level = Math.max(level, s.audioLevel ?? 0);
        });
      }
      return { packets, level };
    },
  };
}
