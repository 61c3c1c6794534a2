/** What a permission looks like to the UI: the browser's states, or no such API in this browser. */
import { createLogger } from '@/lib/logger';

const log = createLogger('devices');
export type PermissionValue = 'granted' | 'denied' | 'prompt' | 'unsupported';
export type PermissionKind = 'notifications' | 'microphone';

/** The microphone request's outcome: 'missing' when there is no microphone at all. */
export type MicrophoneOutcome = PermissionValue | 'missing';

/** The browser APIs the permissions store uses; tests provide a fake. */
export interface PermissionsApi {
  /** the current state; `onChange` fires whenever the user changes it (site settings, prompt) */
  watch(kind: PermissionKind, onChange: (value: PermissionValue) => void): Promise<PermissionValue>;
  requestNotifications(): Promise<PermissionValue>;
  /** opens the microphone once (then stops it) so the browser asks */
  requestMicrophone(): Promise<MicrophoneOutcome>;
}

const fromNotification = (value: NotificationPermission): PermissionValue =>
  value === 'default' ? 'prompt' : value;

function notificationState(): PermissionValue {
  return typeof Notification === 'undefined' ? 'unsupported' : fromNotification(Notification.permission);
}

async function watch(
  kind: PermissionKind,
  onChange: (value: PermissionValue) => void,
): Promise<PermissionValue> {
  if (kind === 'notifications' && typeof Notification === 'undefined') return 'unsupported';
  if (kind === 'microphone' && !navigator.mediaDevices?.getUserMedia) return 'unsupported';
  try {
    // the PermissionStatus stays in this closure: browser objects never enter reactive state
    const status = await navigator.permissions.query({ name: kind });
    status.addEventListener('change', () => onChange(status.state));
    return status.state;
  } catch {
    // no Permissions API (or no such name): Notification.permission still tells us
    return kind === 'notifications' ? notificationState() : 'prompt';
  }
}

async function requestMicrophone(): Promise<MicrophoneOutcome> {
  if (!navigator.mediaDevices?.getUserMedia) return 'unsupported';
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    stream.getTracks().forEach((track) => track.stop());
    return 'granted';
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
    if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
    log.warn('microphone request failed', error);
    return 'prompt';
  }
}

export const browserPermissions: PermissionsApi = {
  watch,
  async requestNotifications() {
    if (typeof Notification === 'undefined') return 'unsupported';
    try {
      return fromNotification(await Notification.requestPermission());
    } catch (error) {
      log.warn('notification permission request failed', error);
      return notificationState();
    }
  },
  requestMicrophone,
};
