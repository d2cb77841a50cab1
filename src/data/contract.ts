import type { DataSource } from './data-source.js';
import type { DataSourceErrorKind } from './errors.js';

/**
 * The REST contract's (`openapi.yaml`) parts that code on both ends needs: the reference
 * server answers with them, `HttpDataSource` reads them back.
 */

/**
 * The HTTP status of each error kind (400 is read as `validation` too; any other 5xx as
 * `unavailable`).
 */
export const ERROR_STATUS = {
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  unavailable: 503,
  timeout: 504,
} as const satisfies Partial<Record<DataSourceErrorKind, number>>;

/**
 * The optional calls, by the flag `/capabilities` answers for each: a server that says
 * `false` does not answer that call, and `HttpDataSource.connect()` does not offer it.
 */
export const OPTIONAL_CALLS = {
  ticketStatistics: 'getTicketStatistics',
  customerHealth: 'getCustomerHealth',
  customerHistory: 'listCustomerHistory',
  customerNotes: 'addCustomerNote',
  customerUpdate: 'updateCustomer',
} as const satisfies Record<string, keyof DataSource>;
