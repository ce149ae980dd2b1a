/**
 * The sync engine. Loaded lazily once a signed-in session starts it (never from the first screen's
 * bundle): `const { createSyncEngine } = await import('$lib/sync')`.
 */
export { createSyncEngine, syncOnce } from './engine';
export type {
	SyncEngine,
	SyncEngineOptions,
	SyncEnvironment,
	SyncOnceOptions,
	SyncOnceSummary,
	SyncTimers
} from './engine';
export type { SyncStatus, SyncErrorCode } from './status';
export { INITIAL_STATUS, LAST_SYNCED_AT, readCounts } from './status';
export { SyncFailure } from './failure';
export { SyncTransportError } from './transport';
export type {
	SyncTransport,
	SyncTransportErrorKind,
	Mutation,
	FieldConflict,
	PushResult,
	PushAccepted,
	PushRefused,
	PushResponse,
	PullChange,
	PullResponse
} from './transport';
export { clientId, CLIENT_ID } from './client-id';
export { PROFILE_ID, SCOPE } from './scope';
export { CURSOR } from './pull';
export { list as listRejected, exportRejected, REJECTED_FORMAT } from './rejected';
export type { RejectedChange } from './rejected';
export { retryRejected, dismissRejected } from '$lib/db/outbox';
export { toServer, fromServer, toSnake, toCamel } from './columns';
