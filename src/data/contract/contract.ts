import type { DataSource } from './data-source.js';
import type { DataSourceErrorKind } from './errors.js';

/**
 * The REST contract's (`openapi.yaml`) parts that code on both ends needs: the reference
 * server answers with them, `HttpDataSource` reads them back.
 */

/**
 * The error kind of each HTTP status the contract answers with (the server answers a kind with
 * its status; `HttpDataSource` reads 400 as `validation` too, any other 5xx as `unavailable`).
 */
export const ERROR_KINDS: Readonly<Record<number, DataSourceErrorKind>> = {
  422: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
  503: 'unavailable',
  504: 'timeout',
};

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
  liveUpdates: 'subscribe',
} as const satisfies Record<string, keyof DataSource>;
