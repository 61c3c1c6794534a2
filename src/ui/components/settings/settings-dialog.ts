/** The sections of the Settings dialog, in the order of its tab list. */
export const SETTINGS_SECTIONS = [
  'audio',
  'calls',
  'forwarding',
  'blocked',
  'notifications',
  'display',
  'support',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/**
 * The dialogs the top bar can open (from the user menu, the forwarding status, the Support section):
 * the Settings dialog at one of its sections, the account form or the keyboard shortcuts.
 */
export type SettingsDialogName = { dialog: 'settings'; section: SettingsSection } | 'account' | 'shortcuts';

export const settingsAt = (section: SettingsSection): SettingsDialogName => ({ dialog: 'settings', section });
