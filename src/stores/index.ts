export { useAccountStore, type AccountForm, type AccountProfile } from './account/account';
export { usePhoneStore, ENDED_CALL_LINGER_MS, takesDtmf, type PhoneStore } from './call/phone';
export { callRoles } from './call/call-roles';
/** the call command table, for the call panel (the UI imports only types from the engine) */
export { can, inPhase } from '@/phone';
export { useSettingsStore, DEFAULT_PICKUP_CODE, THEMES, type ContactSort, type Theme } from './app/settings';
export { useBlfStore, type BlfEntry, type BlfStore } from './blf/blf';
export { useTransferStore, isTransferable, type TransferStore } from './call/transfer';
export {
  useDirectoryStore,
  type DirectoryStore,
  type ExportedFile,
  type ImportFile,
  type ImportReport,
} from './directory/directory';
export { useCompanySyncStore, COMPANY_REFRESH_MS } from './directory/company-sync';
export type { CompanySyncError } from './directory/company-directory';
export { suggest as suggestForKeypad, type KeypadSuggestion } from './directory/keypad-search';
/** the number parser's chunk, for UI chunks that format numbers (src/ui/lazy.ts) */
export { loadNumberParser } from '@/directory';
export { useHistoryStore, HISTORY_PAGE_SIZE, RECENT_LIMIT, type HistoryStore } from './history/history';
export { talkTime } from './history/history-record';
export type { HistoryRangeKind, TimeRange } from './history/history-range';
export { bindPhone, type PhoneBridgeStores } from './bridges/phone-bridge';
export { bindSupportLog } from './bridges/log-bridge';
export { bindServiceWorkerLog } from './bridges/sw-log-bridge';
export { bindConnectionSignals } from './bridges/connection-signals';
export { bindNetworkChange, type ConnectionInfo } from './bridges/network-change';
export { useIncomingStore, type ActiveForward, type IncomingStore } from './call/incoming';
export {
  FORWARD_KINDS,
  NO_ANSWER_MAX_S,
  NO_ANSWER_MIN_S,
  noForwarding,
  type BlockError,
  type ForwardError,
  type ForwardErrors,
  type ForwardKind,
  type ForwardRule,
  type ForwardSettings,
} from './call/incoming-rules';
export {
  useFeatureCodesStore,
  DEFAULT_FEATURE_CODES,
  FEATURE_CODE_FIELDS,
  type FeatureCodeErrors,
  type FeatureCodeField,
  type FeatureCodeOutcome,
  type FeatureCodeSettings,
  type FeatureCodesStore,
} from './call/feature-codes';
export { useLogsStore } from './support/logs';
export { useVoicemailStore, type VoicemailStore } from './call/voicemail';
export { provideRepositories } from './app/persistence';
export {
  ACCOUNT_FIELDS,
  EMPTY_ACCOUNT_FORM,
  validateAccountForm,
  type AccountField,
  type AccountFormErrors,
  type FieldError,
} from './account/account-form';
export {
  useAudioStore,
  provideDeviceSource,
  RINGTONES,
  RINGTONE_FILES,
  DEFAULT_RINGTONE_VOLUME,
  type AudioDevice,
  type AudioDeviceKind,
  type AudioStore,
  type DeviceSource,
  type RingtoneId,
} from './devices/audio';
export { useHeadsetStore, type HeadsetOutcome, type HeadsetStore } from './devices/headset';
export { bindHeadset, type HeadsetBridgeStores } from './bridges/headset-bridge';
export { useInstanceStore, type OwnershipRole, type TakeoverState } from './account/instance';
export { useAppUpdateStore, UPDATE_CHECK_MS, type AppUpdateStore } from './app/app-update';
export { useAppInstallStore } from './app/app-install';
export {
  usePermissionsStore,
  providePermissionsApi,
  type PermissionValue,
  type PermissionsStore,
} from './devices/permissions';
export { useLaunchStore, type LaunchStore, type LaunchTab } from './app/launch';
export { bindLaunch } from './bridges/launch-bridge';
export { bindCallNotifications } from './bridges/notification-bridge';
export { bindAttention } from './bridges/attention-bridge';
export { usePushStore, providePushApi, type PushStatus, type PushStore } from './app/push';
export { bindPush, type PushBridgeStores } from './bridges/push-bridge';
export { bindPushAnswer } from './bridges/push-answer-bridge';
