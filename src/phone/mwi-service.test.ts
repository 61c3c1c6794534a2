import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MwiService } from './mwi-service';
import type { MwiSnapshot } from './types';

const YES = 'Messages-Waiting: yes\r\nVoice-Message: 3/1\r\n';
const NONE = { waiting: false, newMessages: 0, oldMessages: 0, account: null };

let seen: MwiSnapshot[];
let watched: string[][];
let stopped: number;
let mwi: MwiService;
const watcher = {
  setWatched: (list: readonly string[]) => watched.push([...list]),
  stop: () => (stopped += 1),
};

beforeEach(() => {
  seen = [];
  watched = [];
  stopped = 0;
  mwi = new MwiService((m) => seen.push(m));
});

describe('MwiService', () => {
  it('subscribes our own user only while enabled, before or after connect', () => {
    mwi.attach(watcher, '1001');
    expect(watched).toEqual([[]]);
    mwi.setEnabled(true);
    mwi.setEnabled(true); // no change, no new call
    expect(watched).toEqual([[], ['1001']]);
    mwi.setEnabled(false);
    expect(watched.at(-1)).toEqual([]);
    mwi.setEnabled(true);
    mwi.attach(watcher, '1002'); // reconnect with another account
    expect(stopped).toBe(1);
    expect(watched.at(-1)).toEqual(['1002']);
  });

  it('emits changes only, clears on loss, keeps the state on a body it does not understand', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mwi.setEnabled(true);
    mwi.attach(watcher, '1001');
    mwi.feed.notify('1001', YES);
    mwi.feed.notify('1001', YES);
    mwi.feed.notify('1001', '<garbage/>');
    const three = { waiting: true, newMessages: 3, oldMessages: 1, account: null };
    expect(seen).toEqual([three]);
    expect(mwi.snapshot()).toEqual(three);
    mwi.feed.lost();
    expect(seen).toEqual([three, NONE]);
    mwi.feed.notify('1001', YES);
    mwi.setEnabled(false);
    expect(seen).toEqual([three, NONE, three, NONE]);
    expect(mwi.snapshot()).toBeNull();
    vi.restoreAllMocks();
  });

  it('while disabled nothing is emitted; detach clears', () => {
    mwi.attach(watcher, '1001');
    mwi.feed.notify('1001', YES);
    expect(seen).toEqual([]);
    mwi.setEnabled(true);
    mwi.feed.notify('1001', YES);
    mwi.detach();
    expect(seen.map((m) => m.waiting)).toEqual([true, false]);
    expect(stopped).toBe(1);
  });
});
