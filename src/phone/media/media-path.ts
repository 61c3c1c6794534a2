/**
 * Watches a call's peer connection for an audio path that broke for good: ICE or DTLS 'failed'
 * (Chromium gives up after its consent checks time out; only an ICE restart, which we never
 * do, could bring it back). 'disconnected' is left alone: it often recovers by itself.
 * No unsubscribe: the peer connection is closed with its call, and `onFailed` fires at most once.
 */
export function watchMediaPath(pc: RTCPeerConnection, onFailed: () => void): void {
  let fired = false;
  const check = (): void => {
    if (fired) return;
    if (pc.connectionState === 'failed' || pc.iceConnectionState === 'failed') {
      fired = true;
      onFailed();
    }
  };
  pc.addEventListener('connectionstatechange', check);
  pc.addEventListener('iceconnectionstatechange', check);
}
