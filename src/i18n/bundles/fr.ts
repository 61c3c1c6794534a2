/** French messages, loaded on demand (src/i18n/index.ts). */
import base from '../locales/fr.json';
import history from '../locales/history/fr.json';
import directory from '../locales/directory/fr.json';
import headset from '../locales/headset/fr.json';
import pwa from '../locales/pwa/fr.json';
import instance from '../locales/instance/fr.json';
import notify from '../locales/notify/fr.json';
import keyboard from '../locales/keyboard/fr.json';
import comfort from '../locales/comfort/fr.json';
import settings from '../locales/settings/fr.json';
import blf from '../locales/blf/fr.json';
import conference from '../locales/conference/fr.json';
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
