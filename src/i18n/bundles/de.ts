/** German messages, loaded on demand (src/i18n/index.ts). */
import base from '../locales/de.json';
import history from '../locales/history/de.json';
import directory from '../locales/directory/de.json';
import headset from '../locales/headset/de.json';
import pwa from '../locales/pwa/de.json';
import instance from '../locales/instance/de.json';
import notify from '../locales/notify/de.json';
import keyboard from '../locales/keyboard/de.json';
import comfort from '../locales/comfort/de.json';
import settings from '../locales/settings/de.json';
import blf from '../locales/blf/de.json';
import conference from '../locales/conference/de.json';
import type { MessageSchema } from './en';

/** typed: a missing key fails the type check */
const messages: MessageSchema = {
  ...base,
  history,
  directory,
  headset,
  pwa,
  instance,
  notify,
  keyboard,
  comfort,
  settings,
  blf,
  conference,
};
export default messages;
