import type { ECDH } from 'node:crypto';

export declare function decryptWebPush(body: Buffer, ecdh: ECDH, auth: Buffer): Buffer;
