import { createLogger } from '@/lib/logger';
import { createApp, markRaw, watch } from 'vue';
import { createPinia, type Pinia } from 'pinia';
import { createAppI18n, detectLocale, loadLocale, type Locale } from '@/i18n';
import type { Phone } from '@/phone';
import type * as EngineModule from './phone/phone';
import { createLazyHeadsetManager, type HidLike } from '@/headset';
import {
  bindAttention,
  bindCallNotifications,
  bindConnectionSignals,
  bindNetworkChange,
  type ConnectionInfo,
  bindHeadset,
  bindLaunch,
  bindPhone,
  bindServiceWorkerLog,
  bindSupportLog,
  bindPush,
  bindPushAnswer,
  useAccountStore,
  useAppInstallStore,
  useAppUpdateStore,
  useAudioStore,
  useBlfStore,
  useCompanySyncStore,
  useDirectoryStore,
  useFeatureCodesStore,
  useHeadsetStore,
  useHistoryStore,
  useIncomingStore,
  useInstanceStore,
  useLaunchStore,
  useLogsStore,
  usePermissionsStore,
  usePhoneStore,
  usePushStore,
  useSettingsStore,
  useVoicemailStore,
} from '@/stores';
import App from './ui/App.vue';
import { applyTheme } from './ui/theme';
import { prefetchWhenIdle } from './ui/lazy';
import './ui/styles/main.css';

const log = createLogger('app');

/** Composition root: the only place that creates the engine and wires it to the stores. */
async function start(): Promise<void> {
  const app = createApp(App);
  // JsSIP and the engine load while the first screen renders (not in the start-up JavaScript)
  const engineModule = import('./phone/phone');
  engineModule.catch(() => undefined); // reported by startEngine, which awaits it
  const pinia = createPinia();
  const i18n = createAppI18n('en');
  app.use(pinia).use(i18n);
  let wantedLocale: Locale = 'en';
  async function showLocale(locale: Locale): Promise<void> {
    wantedLocale = locale;
    const loaded = await loadLocale(i18n, locale);
    if (!loaded) log.warn(`messages for ${locale} not loaded`);
    if (wantedLocale !== locale) return; // chosen again meanwhile
    const shown = loaded ? locale : 'en';
    i18n.global.locale.value = shown;
    document.documentElement.lang = shown;
  }
  // the saved account and instance id are read while the first screen renders (IndexedDB works
  // beside the main thread); shown only once this window holds the phone (instance start below)
  const accountRead = useAccountStore(pinia).preload();
  // the browser's language before the first paint; the one chosen in Settings once they are read
  await showLocale(detectLocale(navigator.languages));
  // first: engine, headset, store and service-worker warnings reach the support log (while on)
  bindSupportLog(useLogsStore(pinia));
  bindServiceWorkerLog('serviceWorker' in navigator ? navigator.serviceWorker : undefined);
  // the browser may offer installation early; the service worker caches the shell and
  // offers new versions (applied only while no call exists)
  useAppInstallStore(pinia).start();
  useAppUpdateStore(pinia).start();

  // headsets (WebHID): the only place that reads navigator.hid; null in Firefox and Safari
  const hid = (navigator as Navigator & { hid?: HidLike }).hid ?? null;
  const headsets = markRaw(createLazyHeadsetManager(hid));
  bindHeadset(headsets, {
    headset: useHeadsetStore(pinia),
    phone: usePhoneStore(pinia),
    audio: useAudioStore(pinia),
    history: useHistoryStore(pinia),
  });

  // click-to-call and file launches: `?dial=`, `?import=vcf`, then `launchQueue` (focus-existing)
  bindLaunch(useLaunchStore(pinia));
  // incoming-call notifications (Answer/Decline through the service worker) and the app badge
  bindCallNotifications(
    {
      phone: usePhoneStore(pinia),
      permissions: usePermissionsStore(pinia),
      history: useHistoryStore(pinia),
      directory: useDirectoryStore(pinia),
      launch: useLaunchStore(pinia),
    },
    (key, values) => i18n.global.t(key, values ?? {}),
  );

  // a ringing call shows in the window title and the favicon (a background tab, a minimised app)
  bindAttention({ phone: usePhoneStore(pinia), directory: useDirectoryStore(pinia) }, (key, values) =>
    i18n.global.t(key, values ?? {}),
  );

  // Answer clicked in a pushed notification: answer that call when it rings here (within 30 s)
  bindPushAnswer({ phone: usePhoneStore(pinia) });

  app.mount('#app');
  performance.mark('app:mounted');
  await startEngine(engineModule, pinia);
  performance.mark('app:engine');

  const settings = useSettingsStore(pinia);
  const warn = (what: string) => (error: unknown) => log.warn(`${what} not loaded`, error);
  // what shapes the engine and its first REGISTER, read in parallel: DND, blocked numbers and
  // forwarding reach the engine before the account connects; history first marks calls of a page
  // that died as interrupted
  await Promise.all([
    settings.load().catch(warn('settings')),
    useBlfStore(pinia).load().catch(warn('BLF list')),
    useHistoryStore(pinia).load().catch(warn('call history')),
    useIncomingStore(pinia).load().catch(warn('call handling settings')),
    useFeatureCodesStore(pinia).load().catch(warn('feature code settings')),
    useVoicemailStore(pinia).load().catch(warn('voicemail settings')),
    useLogsStore(pinia).load().catch(warn('support log settings')),
    useHeadsetStore(pinia).load().catch(warn('headset settings')),
    usePermissionsStore(pinia).load().catch(warn('permissions')),
    usePushStore(pinia).load().catch(warn('push settings')),
    accountRead,
  ]);
  performance.mark('app:stores');
  watch(
    () => settings.locale ?? detectLocale(navigator.languages),
    (locale) => void showLocale(locale),
    { immediate: true },
  );
  // light, dark or the system's (IndexedDB is read after the first paint: a chosen theme that
  // differs from the system's shows from here on)
  watch(
    () => settings.theme,
    (theme) => applyTheme(document.documentElement, theme),
    { immediate: true },
  );
  // "Ring when the app is closed": the push subscription follows sign-in, permission and the option
  bindPush(
    {
      account: useAccountStore(pinia),
      permissions: usePermissionsStore(pinia),
      push: usePushStore(pinia),
    },
    (key, values) => i18n.global.t(key, values ?? {}),
  );
  // only the window holding the phone lock restores the account and connects (one phone per browser)
  useInstanceStore(pinia).start();
  performance.mark('app:connecting');
  // contacts (caller names, the keypad's search) and the audio devices (slow to list) load while
  // the account connects: a name found a moment later replaces the number on screen
  const companySync = useCompanySyncStore(pinia);
  await Promise.all([
    useDirectoryStore(pinia).load().catch(warn('contacts')),
    companySync.load().catch(warn('company directory status')),
    useAudioStore(pinia).load().catch(warn('audio settings')),
  ]);
  // after the audio lists: a headset granted before reconnects and can be matched to its audio device;
  // only in the window that holds the phone (another window would ring it and fight over its lamps)
  watch(
    () => useInstanceStore(pinia).isOwner,
    (owner) => void (owner ? headsets.start() : headsets.stop()).catch(warn('headsets')),
    { immediate: true },
  );
  const account = useAccountStore(pinia);
  // the company directory is fetched at sign-in, refreshed while signed in, left alone after
  watch(
    () => (account.signedIn ? (account.profile?.directoryUrl ?? '') : ''),
    (url) => (url ? companySync.start(url) : companySync.stop()),
    { immediate: true },
  );
  // the tabs a first screen does not show, fetched while nothing else happens
  prefetchWhenIdle();
}

/** Creates the engine once its chunk has loaded and wires it to the stores (before any account connects). */
async function startEngine(engineModule: Promise<typeof EngineModule>, pinia: Pinia): Promise<void> {
  let phone: Phone | null = null;
  try {
    phone = markRaw((await engineModule).createPhone());
  } catch (error) {
    log.error('the phone engine could not start', error);
  }
  if (phone) {
    const engine = phone;
    bindPhone(engine, {
      phone: usePhoneStore(pinia),
      blf: useBlfStore(pinia),
      history: useHistoryStore(pinia),
      incoming: useIncomingStore(pinia),
      voicemail: useVoicemailStore(pinia),
      logs: useLogsStore(pinia),
      audio: useAudioStore(pinia),
      featureCodes: useFeatureCodesStore(pinia),
    });
    // online / tab shown / page resumed: the keep-alive checks the connection at once
    bindConnectionSignals(engine, window, document);
    // offline/online, another kind of link: every call restarts ICE once the signalling is back
    bindNetworkChange(engine, window, (navigator as { connection?: ConnectionInfo }).connection);
    // unregister when the page goes away (the bridge lives as long as the page)
    window.addEventListener('pagehide', () => {
      void useLogsStore(pinia).flush();
      void engine.disconnect();
    });
  }
}

void start();
