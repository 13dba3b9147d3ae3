import type { StatusByCode } from '@trustworks/platform';

/** Domain and store error codes to HTTP statuses: exact codes first, then prefixes ending in '.'. */
export const STATUS_BY_CODE: StatusByCode = [
  ['TRUST.NOT_PROPOSED', 404],
  ['TRUST.ALREADY_PROPOSED', 409],
  ['TRUST.INVALID_COMMAND', 400],
  ['TEMPLATE.', 422],
  ['TRUST.', 422],
  ['EVENT_STORE.WRONG_EXPECTED_REVISION', 409],
  ['EVENT_STORE.INVALID_APPEND', 400],
  ['EVENT_STORE.DUPLICATE_EVENT_ID', 409],
  ['EVENT_STORE.UNAVAILABLE', 503],
  ['EVENT.', 500],
];
