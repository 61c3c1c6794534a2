export { useAccountStore, type AccountForm, type AccountProfile } from './account';
export { usePhoneStore, ENDED_CALL_LINGER_MS, type PhoneStore } from './phone';
export { useSettingsStore, DEFAULT_PICKUP_CODE } from './settings';
export { useBlfStore, type BlfEntry, type BlfStore } from './blf';
export { useTransferStore, isTransferable, type TransferStore } from './transfer';
export { bindPhone } from './bridges/phone-bridge';
export { provideRepositories } from './persistence';
export {
  ACCOUNT_FIELDS,
  validateAccountForm,
  type AccountField,
  type AccountFormErrors,
  type FieldError,
} from './account-form';
