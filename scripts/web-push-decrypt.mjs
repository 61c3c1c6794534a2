// RFC 8291 (section 3.4) + RFC 8188: the plaintext of one aes128gcm Web Push message (a single
// record), as a user agent reads it. The local push services of the e2e suite
// (e2e/support/push-service.ts) and of the benchmarks (bench/push-answer.mjs) decrypt what the
// PBX's sender encrypted, which proves it encrypted for the subscription's keys.
import { createDecipheriv, createHmac } from 'node:crypto';

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

/** body: the request body; ecdh: the subscription's P-256 key pair; auth: its 16-byte secret */
export function decryptWebPush(body, ecdh, auth) {
  const salt = body.subarray(0, 16);
  const idLen = body[20] ?? 0;
  const asPublic = body.subarray(21, 21 + idLen);
  const cipher = body.subarray(21 + idLen);
  const uaPublic = ecdh.getPublicKey();
  const prkKey = hmac(auth, ecdh.computeSecret(asPublic));
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipher.subarray(cipher.length - 16));
  const padded = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
  // the last record ends with the delimiter 0x02 and optional zero padding
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('bad record padding');
  return padded.subarray(0, end);
}
