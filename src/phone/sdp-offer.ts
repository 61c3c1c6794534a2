/**
 * Can the browser ever answer this SDP offer? Checked on an incoming INVITE before it rings, so an
 * offer that could never work (a plain SIP phone's RTP/AVP without DTLS or ICE, or no codec in
 * common) is refused with 488 at once instead of showing an Answer button that can only fail.
 * Pure text checks; the rules are Chromium's (docs/incompatible-offers.md).
 */
export type OfferProblem =
  | 'no_audio' // no audio m-line with a port (video only, or every stream refused)
  | 'insecure_profile' // RTP/AVP or RTP/AVPF: WebRTC only speaks SRTP over DTLS (…/RTP/SAVPF)
  | 'no_fingerprint' // no a=fingerprint: no DTLS, so no SRTP keys
  | 'no_ice' // no a=ice-ufrag / a=ice-pwd: the browser cannot run ICE with it
  | 'no_common_codec'; // none of opus, G.722, PCMU, PCMA

/** Audio codecs Chromium can send and receive (telephone-event and CN alone carry no voice). */
const VOICE_CODECS = new Set(['opus', 'g722', 'pcmu', 'pcma']);
/** RFC 3551 static payload types Chromium knows without an rtpmap line. */
const STATIC_VOICE = new Set(['0', '8', '9']);

interface MediaSection {
  kind: string;
  port: number;
  proto: string;
  formats: string[];
  lines: string[];
}

interface ParsedSdp {
  session: string[];
  media: MediaSection[];
}

function parse(sdp: string): ParsedSdp {
  const parsed: ParsedSdp = { session: [], media: [] };
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^m=(\S+)\s+(\d+)(?:\/\d+)?\s+(\S+)\s*(.*)$/.exec(line);
    if (m) {
      const formats = (m[4] ?? '').split(/\s+/).filter(Boolean);
      parsed.media.push({ kind: m[1]!, port: Number(m[2]), proto: m[3]!, formats, lines: [] });
    } else {
      const section = parsed.media.at(-1);
      (section ? section.lines : parsed.session).push(line);
    }
  }
  return parsed;
}

const has = (lines: readonly string[], prefix: string): boolean => lines.some((l) => l.startsWith(prefix));

/** The codec names (lower case) of the formats an audio section offers. */
function codecsOf(section: MediaSection): string[] {
  return section.formats.map((pt) => {
    const rtpmap = section.lines.find((l) => l.startsWith(`a=rtpmap:${pt} `));
    if (rtpmap) return (rtpmap.split(/\s+/)[1] ?? '').split('/')[0]!.toLowerCase();
    return STATIC_VOICE.has(pt) ? { '0': 'pcmu', '8': 'pcma', '9': 'g722' }[pt]! : '';
  });
}

/** What makes a section unusable, or null when the browser can take it. */
function sectionProblem(session: readonly string[], section: MediaSection): OfferProblem | null {
  if (!/RTP\/SAVPF?$/i.test(section.proto)) return 'insecure_profile';
  const lines = [...session, ...section.lines];
  if (!has(lines, 'a=fingerprint:')) return 'no_fingerprint';
  if (!has(lines, 'a=ice-ufrag:') || !has(lines, 'a=ice-pwd:')) return 'no_ice';
  if (!codecsOf(section).some((c) => VOICE_CODECS.has(c))) return 'no_common_codec';
  return null;
}

/**
 * Null when at least one audio stream of `sdp` is one the browser can answer; otherwise the
 * problem of the first audio stream (the one a user would have talked on).
 */
export function offerProblem(sdp: string): OfferProblem | null {
  const { session, media } = parse(sdp);
  const audio = media.filter((s) => s.kind === 'audio' && s.port !== 0);
  if (audio.length === 0) return 'no_audio';
  const problems = audio.map((s) => sectionProblem(session, s));
  return problems.includes(null) ? null : problems[0]!;
}
