import { compileSearchPattern, type SearchPattern } from '../../rules/search-pattern.js';
import { MIN_SEARCH_LENGTH } from '../../rules/rules.js';
import { countBelow } from '../../rules/sorted.js';
import type { Customer, CustomerHit, CustomerUser, SearchResult } from '../../contract/types.js';

/** A user's searched fields in lower case, and the same joined by NUL (which no term contains). */
interface UserSearchKeys {
  fields: string[];
  joined: string;
}

/**
 * The customers and customer users of the in-memory source, and their search: users by login
 * and by customer, each customer's users sorted by name when first listed, and every user's
 * searched fields in lower case worked out once (a search tests, never copies).
 */
export class UserDirectory {
  readonly customers = new Map<string, Customer>();
  readonly users = new Map<string, CustomerUser>();
  /** Every customer id known: from records, users and tickets. */
  readonly customerIds = new Set<string>();
  private readonly usersByCustomer = new Map<string, CustomerUser[]>();
  private readonly sortedUsers = new Map<string, CustomerUser[]>();
  private readonly userSearchKeys = new Map<CustomerUser, UserSearchKeys>();
  /** Every user's searched fields end to end, for plain terms (see `findUsers`); unset after a change. */
  private userText?: { text: string; starts: number[]; users: CustomerUser[] };

  addCustomer(customer: Customer): void {
    this.customers.set(customer.id, { ...customer, version: customer.version ?? '1' });
    this.customerIds.add(customer.id);
  }

  /** Indexes a user; true when it names a customer id not known before (which changes every customer's rank). */
  addUser(user: CustomerUser): boolean {
    this.users.set(user.login, user);
    const fields = [user.login, user.firstName, user.lastName, user.email, user.customerId].map((field) => (field ?? '').toLowerCase());
    this.userSearchKeys.set(user, { fields, joined: fields.join('\u0000') });
    this.userText = undefined;
    addTo(this.usersByCustomer, user.customerId, user);
    const known = this.customerIds.size;
    this.customerIds.add(user.customerId);
    for (const id of user.secondaryCustomerIds ?? []) this.customerIds.add(id);
    this.sortedUsers.delete(user.customerId);
    return this.customerIds.size !== known;
  }

  removeUser(user: CustomerUser): void {
    this.users.delete(user.login);
    this.userSearchKeys.delete(user);
    this.userText = undefined;
    const list = this.usersByCustomer.get(user.customerId) ?? [];
    list.splice(list.indexOf(user), 1);
    this.sortedUsers.delete(user.customerId);
  }

  /** Whether a login is taken, without regard to case (as Znuny compares customer-user logins). */
  loginTaken(login: string): boolean {
    const lower = login.toLowerCase();
    return [...this.users.keys()].some((taken) => taken.toLowerCase() === lower);
  }

  searchCustomers(term: string, limit: number): SearchResult<CustomerHit> {
    const pattern = searchPatternFor(term);
    if (!pattern) return { items: [], hasMore: false };
    return collect(this.customerIds, limit, (id) => {
      const record = this.customers.get(id);
      if (!pattern.test(id) && !pattern.test(record?.name)) return undefined;
      return { id, name: record?.name, hasRecord: record !== undefined };
    });
  }

  searchUsers(term: string, limit: number): SearchResult<CustomerUser> {
    const pattern = searchPatternFor(term);
    if (!pattern) return { items: [], hasMore: false };
    const literal = pattern.literal;
    if (literal !== undefined && !literal.includes('\u0000') && !literal.includes('\u0001')) return this.findUsers(literal, limit);
    return collect(this.userSearchKeys, limit, ([user, keys]) => (matchesUser(pattern, keys) ? user : undefined));
  }

  /** A customer's users sorted by name, those matching `filter` when given. */
  usersOf(customerId: string, filter?: string): CustomerUser[] {
    const users = this.sortedUsersOf(customerId);
    if (!filter) return users;
    const pattern = compileSearchPattern(filter);
    return users.filter((user) => matchesUser(pattern, this.userSearchKeys.get(user)!));
  }

  /**
   * A plain term over every user: one `indexOf` pass over the users' searched fields laid end
   * to end (fields apart by NUL, users by U+0001, neither in a term), so that a search that
   * finds little costs one scan of a string, not a test per user. Built when first needed
   * after a change of the users.
   */
  private findUsers(literal: string, limit: number): SearchResult<CustomerUser> {
    if (!this.userText) {
      const users: CustomerUser[] = [];
      const starts: number[] = [];
      const pieces: string[] = [];
      let at = 0;
      for (const [user, keys] of this.userSearchKeys) {
        users.push(user);
        starts.push(at);
        pieces.push(keys.joined, '\u0001');
        at += keys.joined.length + 1;
      }
      this.userText = { text: pieces.join(''), starts, users };
    }
    const { text, starts, users } = this.userText;
    const found: CustomerUser[] = [];
    for (let from = text.indexOf(literal); from >= 0 && found.length <= limit; ) {
      const index = countBelow(starts, from, true) - 1;
      found.push(users[index]);
      from = index + 1 < starts.length ? text.indexOf(literal, starts[index + 1]) : -1;
    }
    return { items: found.slice(0, limit), hasMore: found.length > limit };
  }

  private sortedUsersOf(customerId: string): CustomerUser[] {
    let sorted = this.sortedUsers.get(customerId);
    if (!sorted) {
      const keyed = (this.usersByCustomer.get(customerId) ?? []).map((user) => ({ user, key: userSortKey(user) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      sorted = keyed.map(({ user }) => user);
      this.sortedUsers.set(customerId, sorted);
    }
    return sorted;
  }
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function userSortKey(user: CustomerUser): string {
  return `${user.lastName ?? ''}\u0000${user.firstName ?? ''}\u0000${user.login}`.toLocaleLowerCase();
}

/** Maps items until `limit` results are found; one more tells whether there are more. */
function collect<I, R>(items: Iterable<I>, limit: number, map: (item: I) => R | undefined): SearchResult<R> {
  const found: R[] = [];
  for (const item of items) {
    const result = map(item);
    if (result === undefined) continue;
    if (found.length === limit) return { items: found, hasMore: true };
    found.push(result);
  }
  return { items: found, hasMore: false };
}

/** The pattern of a search term, or undefined for a term too short to search (`*` alone lists all). */
function searchPatternFor(term: string): SearchPattern | undefined {
  const pattern = compileSearchPattern(term.trim());
  return pattern.all || term.trim().length >= MIN_SEARCH_LENGTH ? pattern : undefined;
}

/** Whether the login, a name, the email or the customer id matches (their lower case worked out once). */
function matchesUser(pattern: SearchPattern, keys: UserSearchKeys): boolean {
  if (pattern.all) return true;
  if (pattern.literal !== undefined && !pattern.literal.includes('\u0000')) return keys.joined.includes(pattern.literal);
  return keys.fields.some((field) => pattern.testLowerCase(field));
}
