import type { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { inFilter, inView } from '../../src/testing/conformance.js';
import type { HelpdeskData, Ticket, TicketFilter, TicketScope, TicketSort, TicketView } from '../../src/data/contract/types.js';

/** The ids a list shows (a customer id for its scope), page by page: every page, or the first `pages`; with the total it gave. */
export async function shown(source: InMemoryDataSource, scopeOrCustomer: string | TicketScope, view: TicketView, sort: TicketSort, filter: TicketFilter, size: number, pages = Infinity) {
  const scope = typeof scopeOrCustomer === 'string' ? { customerId: scopeOrCustomer } : scopeOrCustomer;
  const ids: string[] = [];
  let total: number | undefined;
  let cursor: string | undefined;
  for (let read = 0; read < pages; read++) {
    const page = await source.listTickets(scope, { view, filter, sort, page: { size, cursor } });
    ids.push(...page.items.map((t) => t.id));
    total ??= page.total?.value;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, total };
}

/** The contract's order, written out: value by field, missing last either way, then id (string comparison); the ids of the tickets a list takes at `now`. */
export function contractOrder(data: HelpdeskData, tickets: readonly Ticket[], scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort, now: number): string[] {
  const agent = data.agents!.find((one) => one.id === 'agent-1')!;
  const queues = new Map(data.queues!.map((q) => [q.id, q.name]));
  const agents = new Map(data.agents!.map((a) => [a.id, a.name]));
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
  const time = (v: unknown) => {
    const t = typeof v === 'string' ? Date.parse(v) : NaN;
    return Number.isNaN(t) ? undefined : t;
  };
  const value = (t: Ticket): string | number | undefined => {
    switch (sort.field) {
      case 'number': return lower(t.number);
      case 'title': return lower(t.title);
      case 'customerUser': return lower(t.customerUserLogin);
      case 'age': return -(time(t.createdAt) ?? -Infinity);
      case 'created': return time(t.createdAt);
      case 'changed': return time(t.changedAt);
      case 'pendingUntil': return time(t.pendingUntil);
      case 'escalation': return time(t.escalationAt);
      case 'state': return lower(t.state);
      case 'queue': return t.queueId ? lower(queues.get(t.queueId) ?? t.queueId) : undefined;
      case 'owner': return t.ownerId ? lower(agents.get(t.ownerId) ?? t.ownerId) : undefined;
      case 'priority': return Number.isFinite(t.priority) ? t.priority : undefined;
    }
  };
  const user = 'customerUserLogin' in scope ? data.customerUsers.find((u) => u.login === scope.customerUserLogin) : undefined;
  const inScope = (t: Ticket) => {
    if ('customerId' in scope) return t.customerId === scope.customerId;
    if (scope.access !== 'accessible' || !user) return t.customerUserLogin === scope.customerUserLogin;
    return [user.customerId, ...(user.secondaryCustomerIds ?? [])].includes(t.customerId);
  };
  const keyed = tickets.filter((t) => inScope(t) && inView(t, view, now) && inFilter(t, filter, agent)).map((t) => ({ t, v: value(t) }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    const [va, vb] = [a.v, b.v];
    if (va !== vb && !(va === 0 && vb === 0)) {
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      return (va < vb ? -1 : 1) * sign;
    }
    return a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0;
  });
  return keyed.map(({ t }) => t.id);
}
