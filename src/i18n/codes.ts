import type {
  CallNotice,
  CallState,
  EndCause,
  PhoneErrorCode,
  RegistrationCause,
  RegistrationState,
  TransferFailure,
} from '@/phone';

/**
 * Every code the engine can emit, listed through Record<Code, true> so that adding a code to
 * src/phone/types.ts fails the type check here until it is listed (and translated).
 */
const keysOf = <K extends string>(record: Record<K, true>): K[] => Object.keys(record) as K[];

export const END_CAUSES = keysOf<EndCause>({
  local_hangup: true,
  remote_hangup: true,
  busy: true,
  declined: true,
  no_answer: true,
  cancelled: true,
  not_found: true,
  unreachable: true,
  connection_lost: true,
  microphone: true,
  incompatible_media: true,
  media_lost: true,
  relay_failed: true,
  setup_timeout: true,
  auth: true,
  call_waiting_off: true,
  answered_elsewhere: true,
  replaced: true,
  transferred: true,
  dnd: true,
  blocked: true,
  forwarded: true,
  failed: true,
});

export const CALL_NOTICES = keysOf<CallNotice>({
  hold_failed: true,
  resume_failed: true,
});

export const REGISTRATION_CAUSES = keysOf<RegistrationCause>({
  auth_failed: true,
  unreachable: true,
  connect_timeout: true,
  network: true,
  rejected: true,
  timeout: true,
  invalid_config: true,
});

export const REGISTRATION_STATES = keysOf<RegistrationState>({
  idle: true,
  connecting: true,
  registering: true,
  registered: true,
  reconnecting: true,
  failed: true,
});

export const PHONE_ERROR_CODES = keysOf<PhoneErrorCode>({
  not_registered: true,
  invalid_target: true,
  no_such_call: true,
  illegal_state: true,
  media_denied: true,
  media_missing: true,
  operation_failed: true,
  operation_timeout: true,
  conference_full: true,
});

export const CALL_STATES = keysOf<CallState>({
  outgoing_ringing: true,
  incoming_ringing: true,
  answered: true,
  held: true,
  conference: true,
  ended: true,
});

export const TRANSFER_FAILURES = keysOf<TransferFailure>({
  busy: true,
  declined: true,
  no_answer: true,
  not_found: true,
  unreachable: true,
  rejected: true,
  timeout: true,
  failed: true,
});
