import type { DataChange, DataSource, DataSourceCapabilities, LiveStatus, SubscribeOptions } from '../contract/data-source.js';
import { MalformedAnswerError } from '../contract/errors.js';
import { statisticsMonths } from '../rules/ticket-statistics.js';
import {
  TICKET_FILTERS,
  TICKET_SORT_FIELDS,
  type CompanyStatus,
  type OpenClosedCounts,
  type Page,
  type SearchResult,
  type TicketFilter,
} from '../contract/types.js';

/**
 * Checks every answer of a data source before an element renders it. A hand-written
 * adapter or a server may answer `null` where a list belongs, a negative total or a date
 * that does not parse; an element must then show an error with Retry, not throw while
 * rendering. Elements reach their data source only through `guardDataSource()`.
 *
 * A list longer than was asked for (a page beyond its `size`, a search beyond its `limit`,
 * a monthly series beyond its months, more queues than `MAX_STATISTICS_QUEUES`) is cut to
 * that length, and an item whose id repeats one before it in the same answer is dropped:
 * the rest is still shown, and the console warns once per call and kind of fault.
 */

type Check<T> = (value: unknown, path: string) => T;
/** A check that also sees the call's arguments (what was asked for). */
type AnswerCheck = (value: unknown, path: string, args: unknown[]) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where in the answer: `listTickets.items[3].id`. */
const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`);

const malformed = (path: string, problem: string) => new MalformedAnswerError(`${path} ${problem}`);

function object(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw malformed(path, 'is not an object');
  return value;
}

function text(value: unknown, path: string): string {
  if (Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw malformed(path, 'is not a string');
  return value;
}

/** A count is whole and exact: 1e308 would add up to Infinity, 2**53 + 1 is not what it says. */
function count(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw malformed(path, `is not a count: ${String(value)}`);
  return value as number;
}

function list<T>(value: unknown, path: string, item: Check<T>): T[] {
  if (!Array.isArray(value)) throw malformed(path, 'is not an array');
  return value.map((entry, index) => item(entry, at(path, index)));
}

/** At most this many queues in ticket statistics (a helpdesk has tens; a donut cannot show more). */
export const MAX_STATISTICS_QUEUES = 1_000;

const warned = new Set<string>();
function warnOnce(path: string, problem: string): void {
  const key = `${path.replace(/\[\d+\]/g, '')} ${problem}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[cic] ${path.replace(/\[\d+\]/g, '[]')}: the data source answered ${problem}.`);
}

/**
 * The checked items of a list, at most `max` (those beyond are left out, with a warning, before
 * they are checked), each id (`idOf`) once: a repeat is dropped, with a warning.
 */
function boundedList<T>(value: unknown, path: string, item: Check<T>, max: number, idOf?: (item: T) => unknown): T[] {
  const tooMany = Array.isArray(value) && value.length > max;
  if (tooMany) warnOnce(path, `more items than the ${max} asked for; those beyond are left out`);
  const items = list(tooMany ? value.slice(0, max) : value, path, item);
  if (!idOf) return items;
  const seen = new Set<unknown>();
  const unique = items.filter((entry) => !seen.has(idOf(entry)) && seen.add(idOf(entry)));
  if (unique.length < items.length) warnOnce(path, 'the same item more than once; repeats are left out');
  return unique;
}

/** How many items a call asked for: its options' (the last argument's) `page.size` or `limit`. */
function askedCount(args: unknown[]): number {
  const options = args.at(-1) as { page?: { size?: unknown }; limit?: unknown } | undefined;
  const asked = Number(options?.page?.size ?? options?.limit);
  return Number.isFinite(asked) && asked >= 0 ? Math.floor(asked) : Infinity;
}

const idKey = (item: Record<string, unknown>) => item.id;
const loginKey = (item: Record<string, unknown>) => item.login;

const DATE_FIELDS = ['createdAt', 'changedAt', 'pendingUntil', 'escalationAt'] as const;

/** A date that does not parse is left out (shown as empty), never rendered as "Invalid Date". */
function withValidDates(record: Record<string, unknown>, path: string): Record<string, unknown> {
  const invalid = DATE_FIELDS.filter((key) => record[key] != null && (typeof record[key] !== 'string' || Number.isNaN(Date.parse(record[key]))));
  if (!invalid.length) return record;
  warnOnce(at(path, invalid[0]), 'a date that does not parse; such dates are left out');
  const copy = { ...record };
  for (const key of invalid) delete copy[key];
  return copy;
}

function withString(key: string): Check<Record<string, unknown>> {
  return (value, path) => {
    const record = object(value, path);
    text(record[key], at(path, key));
    return record;
  };
}

const customer = withString('id');
const customerUser: Check<Record<string, unknown>> = (value, path) => {
  const record = withString('login')(value, path);
  text(record.customerId, at(path, 'customerId'));
  return record;
};
const ticket: Check<Record<string, unknown>> = (value, path) => {
  const record = withString('id')(value, path);
  return withValidDates(record, path);
};

function total(value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  count(object(value, path).value, at(path, 'value'));
}

function countsOf<K extends string>(keys: readonly K[]): Check<Record<K, number>> {
  return (value, path) => {
    const record = object(value, path);
    for (const key of keys) count(record[key], at(path, key));
    return record as Record<K, number>;
  };
}

const openClosed = countsOf(['open', 'closed'] as const);

function countsByKey(value: unknown, path: string): Record<string, OpenClosedCounts> {
  const record = object(value, path);
  for (const [key, entry] of Object.entries(record)) openClosed(entry, at(path, key));
  return record as Record<string, OpenClosedCounts>;
}

const companyStatus: Check<CompanyStatus> = (value, path) => {
  const record = countsOf(['escalated', 'open', 'closed', 'all'] as const)(value, path);
  const byCategory = (record as Record<string, unknown>).byCategory ?? {};
  for (const [key, entry] of Object.entries(object(byCategory, at(path, 'byCategory')))) count(entry, at(at(path, 'byCategory'), key));
  return { ...record, byCategory } as CompanyStatus;
};

/** A history entry: an id, a kind, text, and a time that parses. */
const historyEntry: Check<Record<string, unknown>> = (value, path) => {
  const record = withString('id')(value, path);
  text(record.text, at(path, 'text'));
  if (typeof record.at !== 'string' || Number.isNaN(Date.parse(record.at))) throw malformed(at(path, 'at'), 'is not a date');
  return record;
};

/** Statistics: queues each once, at most `MAX_STATISTICS_QUEUES`; the monthly series at most the months asked for (the latest kept). */
const ticketStatistics = (value: unknown, path: string, args: unknown[]) => {
  const record = object(value, path);
  const queue = (entry: unknown, where: string) => (text(object(entry, where).queueId, at(where, 'queueId')), openClosed(entry, where) as unknown as Record<string, unknown>);
  const byQueue = boundedList(record.byQueue, at(path, 'byQueue'), queue, MAX_STATISTICS_QUEUES, (entry) => entry.queueId);
  const months = statisticsMonths((args[1] as { months?: unknown } | undefined)?.months);
  if (!Array.isArray(record.monthly)) throw malformed(at(path, 'monthly'), 'is not an array');
  if (record.monthly.length > months) warnOnce(at(path, 'monthly'), `more months than the ${months} asked for; the latest are kept`);
  const monthly = list(record.monthly.slice(-months), at(path, 'monthly'), (entry, where) => {
    const month = countsOf(['year', 'month', 'created', 'closed'] as const)(entry, where);
    // A calendar month of years 1000–9999: a year no date can hold made the rendering throw (a spinner for ever), 13 or 0 read as another month.
    if (!(month.month > 0 && month.month < 13 && month.year > 999 && month.year < 1e4)) throw malformed(where, 'is not a month');
    return month;
  });
  return { ...record, byQueue, monthly };
};

function score(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 100)) throw malformed(path, `is not a score from 0 to 100: ${String(value)}`);
  return value;
}

const customerHealth: Check<unknown> = (value, path) => {
  const record = object(value, path);
  score(record.score, at(path, 'score'));
  const bands = object(record.bands, at(path, 'bands'));
  score(bands.warning, at(at(path, 'bands'), 'warning'));
  score(bands.critical, at(at(path, 'bands'), 'critical'));
  if (record.trend != null) score(object(record.trend, at(path, 'trend')).score, at(at(path, 'trend'), 'score'));
  const factors = list(record.factors, at(path, 'factors'), (entry, where) => {
    const factor = withString('key')(entry, where);
    for (const key of ['value', 'weight'] as const) {
      if (!Number.isFinite(factor[key])) throw malformed(at(where, key), 'is not a number');
    }
    // A rank is optional: one that is not 0–100 (null, text, 250) is left out, the factor kept.
    const { percentile } = factor;
    if (percentile === undefined || (typeof percentile === 'number' && percentile >= 0 && percentile <= 100)) return factor;
    warnOnce(at(where, 'percentile'), 'a rank that is not from 0 to 100; it is left out');
    return { ...factor, percentile: undefined };
  });
  return { ...record, factors, higherIsBetter: record.higherIsBetter === true };
};

/**
 * A page: items checked, totals valid, and paging that cannot loop: a cursor that repeats
 * the one the page was asked with ends paging in that direction.
 */
function page<T>(item: Check<Record<string, unknown>>, requested: string | undefined, size: number, idOf: (item: Record<string, unknown>) => unknown): Check<Page<T>> {
  return (value, path) => {
    const record = object(value, path);
    const items = boundedList(record.items, at(path, 'items'), item, size, idOf);
    total(record.total, at(path, 'total'));
    const result = { ...record, items } as unknown as Page<T>;
    for (const key of ['nextCursor', 'previousCursor'] as const) {
      const cursor = record[key];
      if (cursor === undefined || cursor === null || cursor === '') delete result[key];
      else if (typeof cursor !== 'string') throw malformed(at(path, key), 'is not a string');
      else if (requested !== undefined && cursor === requested) {
        console.warn(`[cic] the data source answered the same ${key} as the one asked for; paging stops here.`);
        delete result[key];
      }
    }
    return result;
  };
}

function searchResult<T>(item: Check<Record<string, unknown>>, idOf: (item: Record<string, unknown>) => unknown): AnswerCheck {
  return (value, path, args) => {
    const record = object(value, path);
    const items = boundedList(record.items, at(path, 'items'), item, askedCount(args), idOf);
    total(record.total, at(path, 'total'));
    return { ...record, items, hasMore: record.hasMore === true } as unknown as SearchResult<T>;
  };
}

const maybe =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path) =>
    value === undefined || value === null ? undefined : check(value, path);

/** What a data source that declares nothing can do: read everything, write nothing. */
function capabilitiesOf(source: DataSource): DataSourceCapabilities {
  const declared: Partial<DataSourceCapabilities> = isRecord(source.capabilities) ? source.capabilities : {};
  const strings = <T extends string>(value: unknown, allowed: readonly T[]): readonly T[] =>
    Array.isArray(value) ? allowed.filter((x) => value.includes(x)) : allowed;
  return {
    ticketFilters: strings(declared.ticketFilters, TICKET_FILTERS),
    ticketSorts: strings(declared.ticketSorts, TICKET_SORT_FIELDS),
    writeCustomerUsers: declared.writeCustomerUsers === true,
    answersLocally: declared.answersLocally === true,
    liveUpdates: declared.liveUpdates === true && typeof source.subscribe === 'function',
  };
}

/** Every kind of live change. */
export const CHANGE_KINDS: readonly DataChange['kind'][] = ['ticket', 'customer-user', 'customer', 'history', 'all'];
const CHANGE_ACTIONS: readonly unknown[] = ['created', 'updated', 'deleted'] satisfies DataChange['action'][];
const LIVE_STATUSES: readonly unknown[] = ['connecting', 'live', 'down'] satisfies LiveStatus[];
const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

/** A change as the elements may trust it (only the known fields), or undefined for a malformed one. */
function change(value: unknown): DataChange | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, action, id, customerId, customerUserLogin } = value;
  if (!(CHANGE_KINDS as readonly unknown[]).includes(kind) || !CHANGE_ACTIONS.includes(action) || typeof id !== 'string') return undefined;
  if (!optionalText(customerId) || !optionalText(customerUserLogin)) return undefined;
  return { kind, action, id, customerId, customerUserLogin } as DataChange;
}

/** A listener that hears only well-formed changes, and whose failure stays its own. */
function safely<A extends unknown[]>(listener: ((...args: A) => void) | undefined, signal: AbortSignal): (...args: A) => void {
  return (...args) => {
    try {
      if (!signal.aborted) listener?.(...args);
    } catch (error) {
      console.error(error);
    }
  };
}

const guarded = new WeakMap<DataSource, DataSource>();
const guards = new WeakSet<DataSource>();

/** The data source, with every answer checked (the same object for the same source). */
export function guardDataSource(source: DataSource): DataSource;
export function guardDataSource(source: DataSource | undefined): DataSource | undefined;
export function guardDataSource(source: DataSource | undefined): DataSource | undefined {
  if (!source || guards.has(source)) return source;
  let guard = guarded.get(source);
  if (!guard) {
    guard = createGuard(source);
    guarded.set(source, guard);
    guards.add(guard);
  }
  return guard;
}

/** The page cursor a list call asked with (its options, the last argument: `page.cursor`). */
const askedCursor = (args: unknown[]) => (args.at(-1) as { page?: { cursor?: string } } | undefined)?.page?.cursor;

function createGuard(source: DataSource): DataSource {
  /** The counts of the filters the source declares (a source may offer fewer than all). */
  const filterCounts: Check<Record<TicketFilter, number>> = (value, path) =>
    countsOf(capabilitiesOf(source).ticketFilters)(value, path) as Record<TicketFilter, number>;
  /** A page, and the counts that may come with it under `countsKey`. */
  const listPage =
    (item: Check<Record<string, unknown>>, idOf: (item: Record<string, unknown>) => unknown, withCounts?: [key: string, counts: Check<unknown>]): AnswerCheck =>
    (value, path, args) => {
      const result = page(item, askedCursor(args), askedCount(args), idOf)(value, path) as unknown as Record<string, unknown>;
      const [key, counts] = withCounts ?? [];
      if (key && counts && result[key] !== undefined) counts(result[key], at(path, key));
      return result;
    };
  const checks: Record<string, AnswerCheck> = {
    getCurrentAgent: maybe(withString('id')),
    searchCustomers: searchResult(customer, idKey),
    searchCustomerUsers: searchResult(customerUser, loginKey),
    getCustomer: maybe(customer),
    getCustomerUser: maybe(customerUser),
    listCustomerUsers: listPage(customerUser, loginKey, ['ticketCounts', countsByKey]),
    countTicketsByUser: countsByKey,
    countTicketsByCustomer: countsByKey,
    getCompanyStatus: companyStatus,
    countTickets: filterCounts,
    listTickets: listPage(ticket, idKey, ['counts', filterCounts]),
    getTicketStatistics: ticketStatistics,
    listCustomerHistory: listPage(historyEntry, idKey),
    addCustomerNote: historyEntry,
    updateCustomer: customer,
    getCustomerHealth: customerHealth,
    createCustomerUser: customerUser,
    updateCustomerUser: customerUser,
  };
  let warnedClock = false;
  // Read on every render: worked out again only when the source declares something new.
  let capabilities: { declared: unknown; value: DataSourceCapabilities } | undefined;
  const guard = {
    get capabilities() {
      if (!capabilities || capabilities.declared !== source.capabilities) capabilities = { declared: source.capabilities, value: capabilitiesOf(source) };
      return capabilities.value;
    },
    // A store that cannot be asked (`preferences: true`, a string…) is none: the browser keeps the preferences.
    get preferences() {
      const store = source.preferences;
      return typeof store?.get === 'function' ? store : undefined;
    },
    now() {
      const now = source.now?.();
      if (now instanceof Date && !Number.isNaN(now.getTime())) return now;
      if (source.now && !warnedClock) {
        warnedClock = true;
        console.warn('[cic] the data source clock gave no valid date; using the browser clock.', now);
      }
      return new Date();
    },
  } as Record<string, unknown>;
  if (typeof source.subscribe === 'function') {
    // Changes are checked like answers: a malformed one is left out, with a warning.
    guard.subscribe = (scope: unknown, listener: (changes: readonly DataChange[]) => void, options: SubscribeOptions) => {
      const { signal } = options;
      const tell = safely(listener, signal);
      const status = safely(options.onStatus, signal);
      try {
        source.subscribe!(scope as never, (changes: unknown) => {
          const told = Array.isArray(changes) ? changes : [changes];
          const valid = told.map(change).filter((entry) => entry !== undefined);
          if (valid.length < told.length) warnOnce('subscribe', 'a malformed change; it is left out');
          if (valid.length) tell(valid);
        }, { signal, onStatus: (value: unknown) => LIVE_STATUSES.includes(value) && status(value as LiveStatus) });
      } catch (error) {
        console.error(error);
        status('down');
      }
    };
  }
  for (const [method, check] of Object.entries(checks)) {
    const call = (source as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>)[method];
    // Optional methods (statistics, health, the writes) exist on the guard only when the source has them.
    if (typeof call !== 'function') continue;
    // A call that throws synchronously or answers without a promise is handled the same.
    guard[method] = async (...args: unknown[]) => check(await call.apply(source, args), method, args);
  }
  return guard as unknown as DataSource;
}
