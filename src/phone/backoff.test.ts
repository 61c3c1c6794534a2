import { describe, expect, it } from 'vitest';
import { registerRetryDelayMs, transportRetryDelayMs } from './backoff';

describe('back-off', () => {
  it('REGISTER retries double from 2 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(registerRetryDelayMs)).toEqual([
      2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('socket reconnect estimate follows JsSIP clamping', () => {
    expect([1, 2, 3, 4, 5].map((n) => transportRetryDelayMs(n, 2, 10))).toEqual([
      2000, 4000, 8000, 10000, 10000,
    ]);
  });
});
