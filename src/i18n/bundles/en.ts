/** English: the reference messages. Its shape is the schema every other language must match. */
import base from '../locales/en.json';
import history from '../locales/history/en.json';
import directory from '../locales/directory/en.json';
import headset from '../locales/headset/en.json';
import pwa from '../locales/pwa/en.json';
import instance from '../locales/instance/en.json';
import notify from '../locales/notify/en.json';
import keyboard from '../locales/keyboard/en.json';
import comfort from '../locales/comfort/en.json';
import settings from '../locales/settings/en.json';
import blf from '../locales/blf/en.json';
import conference from '../locales/conference/en.json';

/** en.json plus one file per large feature, so features can grow their keys independently */
export type MessageSchema = typeof base & {
  history: typeof history;
  directory: typeof directory;
  headset: typeof headset;
  pwa: typeof pwa;
  instance: typeof instance;
  notify: typeof notify;
  keyboard: typeof keyboard;
  /** ringing in the window title, sign-in form */
  comfort: typeof comfort;
  /** the Settings dialog: its sections and their immediate settings */
  settings: typeof settings;
  blf: typeof blf;
  conference: typeof conference;
};

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
