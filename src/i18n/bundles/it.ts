/** Italian messages, loaded on demand (src/i18n/index.ts). */
import base from '../locales/it.json';
import history from '../locales/history/it.json';
import directory from '../locales/directory/it.json';
import headset from '../locales/headset/it.json';
import pwa from '../locales/pwa/it.json';
import instance from '../locales/instance/it.json';
import notify from '../locales/notify/it.json';
import keyboard from '../locales/keyboard/it.json';
import comfort from '../locales/comfort/it.json';
import settings from '../locales/settings/it.json';
import blf from '../locales/blf/it.json';
import conference from '../locales/conference/it.json';
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
