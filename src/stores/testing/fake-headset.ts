import { vi } from 'vitest';
import type {
  HeadsetAction,
  HeadsetEventMap,
  HeadsetEventName,
  HeadsetInfo,
  HeadsetManager,
  HeadsetRequestOutcome,
} from '@/headset/api';

type Listener = (payload: never) => void;

/** A HeadsetManager for store and UI tests: spied commands plus `emit` and `press`. */
export interface FakeHeadsetManager extends HeadsetManager {
  list: HeadsetInfo[];
  /** what the next `request()` resolves to; 'connected' adds `makeHeadset()` */
  nextOutcome: HeadsetRequestOutcome;
  emit<K extends HeadsetEventName>(event: K, payload: HeadsetEventMap[K]): void;
  /** a button on the first device */
  press(action: HeadsetAction): void;
  /** replaces the device list and emits `devicesChanged` */
  plug(...devices: HeadsetInfo[]): void;
}

export function makeHeadset(overrides: Partial<HeadsetInfo> = {}): HeadsetInfo {
  return {
    id: 'hs1',
    name: 'Jabra Engage 50',
    vendor: 'jabra',
    vendorId: 0x0b0e,
    productId: 0x0301,
    canRing: true,
    canHold: true,
    canMute: true,
    restored: false,
    ...overrides,
  };
}

export function createFakeHeadsetManager(supported = true): FakeHeadsetManager {
  const listeners = new Map<HeadsetEventName, Set<Listener>>();
  const fake: FakeHeadsetManager = {
    supported,
    list: [],
    nextOutcome: 'connected',
    start: vi.fn(() => Promise.resolve()),
    stop: vi.fn(() => Promise.resolve()),
    request: vi.fn(() => {
      if (fake.nextOutcome === 'connected') fake.plug(...fake.list, makeHeadset());
      return Promise.resolve(fake.nextOutcome);
    }),
    forget: vi.fn((id: string) => {
      fake.plug(...fake.list.filter((d) => d.id !== id));
      return Promise.resolve();
    }),
    devices: () => fake.list,
    setCallState: vi.fn(),
    on(event, handler) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(handler);
      return () => void set.delete(handler);
    },
    emit(event, payload) {
      listeners.get(event)?.forEach((fn) => (fn as (p: typeof payload) => void)(payload));
    },
    press(action) {
      fake.emit('action', { deviceId: fake.list[0]?.id ?? 'hs1', action });
    },
    plug(...devices) {
      fake.list = devices;
      fake.emit('devicesChanged', [...devices]);
    },
  };
  return fake;
}
