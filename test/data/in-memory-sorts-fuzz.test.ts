import { expect } from '@open-wc/testing';
import { createRandom, generateDemoData } from '../../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { contractOrder, shown } from '../support/ticket-pages.js';
import { TICKET_SORT_FIELDS, type HelpdeskData, type Ticket, type TicketFilter, type TicketScope, type TicketSort, type TicketView } from '../../src/data/contract/types.js';

/**
 * The big lists of the in-memory source, picked from the sort keys its table keeps, against the
 * contract's order written out plainly: generated data (fixed seeds) made hostile (texts with
 * letters that lower-case oddly, long shared prefixes, ids of every shape, unreadable priorities
 * and times, names that tie in case only), every field, direction, view, filter and several
 * scopes, first pages and later ones; then sequences of puts (a new customer or login, a moved
 * ticket, a ticket changed in place), each followed by probes; and the due views as now moves.
 */
const NOW = new Date('2026-06-01T09:00:00Z');
const VIEWS: TicketView[] = ['all', 'open', 'closed', 'escalated', 'reminder', 'new'];
const FILTERS: TicketFilter[] = ['all', 'my-locked', 'my-queues'];
const SORTS: TicketSort[] = TICKET_SORT_FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((direction) => ({ field, direction })));
const ROUNDS = 12;
const SEED = 1;

function prng(seed: number) {
  const random = createRandom(seed);
  return { ...random, chance: (p: number) => random.next() < p };
}
type Rng = ReturnType<typeof prng>;

const PREFIX = 'Printer does not print on floor ';
const UNITS = ['a', 'A', 'z', 'Z', 'k', 'K', '\u212A', 'i', 'I', 'İ', 'ı', 'ß', 'ẞ', 'Σ', 'σ', 'ς', 'ä', 'Ä', '\u0301', ' ', '\t', '\u0000', '\u001F', '0', '9', '-', '/', ':', '@', '[', '`', '{', '~', '\u007F', '\u0080', '\u{1F600}', '\uD83D', '\uDE00', '\uFFFF', 'ǅ', 'ﬀ'];
function hostileText(r: Rng): unknown {
  const roll = r.int(20);
  if (roll === 0) return undefined;
  if (roll === 1) return r.pick([42, null, {}, ['a'], true, NaN]);
  if (roll === 2) return '';
  const word = Array.from({ length: r.int(14) }, () => r.pick(UNITS)).join('');
  if (roll < 7) return PREFIX.slice(0, r.int(PREFIX.length + 1)) + word;
  if (roll < 9) return r.chance(0.5) ? word.toUpperCase() : word.toLowerCase();
  if (roll < 10) return 'x'.repeat(2000) + word;
  return word;
}
function hostileTime(r: Rng): unknown {
  const good = new Date(NOW.getTime() + (r.int(40) - 20) * 86_400_000 + r.int(1000)).toISOString();
  return r.pick([undefined, '', 'soon', 42, good, good, good, good, '2026-02-30T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-13-01T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z', '+275760-09-13T00:00:00.001Z', '-271821-04-20T00:00:00.000Z', '2026-05-01', '2026-05-31T10:00:00+02:00', NOW.toISOString(),
    '2026-06-01T09:00:00.001Z', '0000-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z']);
}
function hostileId(r: Rng, index: number): string {
  switch (r.int(8)) {
    case 0: return '0'.repeat(r.int(4)) + String(index);
    case 1: return String(10n ** 15n + BigInt(r.int(1e6)) * 7919n) + String(r.int(10));
    case 2: return `T-${index}`;
    case 3: return String(index) + r.pick(['', 'a', ' ', '\u0000', 'İ']);
    case 4: return '9'.repeat(15 - (index % 3)) + String(index).slice(-1);
    default: return String(index + 1);
  }
}
const PRIORITIES = [undefined, NaN, Infinity, -Infinity, -1, 0, -0, 2.5, 1e308, -1e308, 2 ** 53 + 2, 2 ** 53, 3, 3, '3', null, 1, 5, 5e-324];

function makeData(r: Rng, dups = false): HelpdeskData {
  const data = generateDemoData({ seed: r.int(1e9), now: NOW, customers: 4 + r.int(6), customerUsers: 12 + r.int(30), tickets: 250 + r.int(350), largeCustomerShare: 0.5 + r.next() * 0.4 });
  // Many owners and queues, names with hostile texts, case-only differences, and ids unknown.
  for (let i = 0; i < 12; i++) {
    data.agents!.push({ id: `agent-x${i}`, name: r.pick(['Zed', 'zed', 'ZED', 'İnci', 'inci', '\u212Aarl', 'karl', 'Σofia', '', 'ßtefan', 'Alex Agent']) + (r.chance(0.5) ? '' : String(i)), queueIds: [] } as never);
    data.queues!.push({ id: `q-x${i}`, name: r.pick(['Raw', 'raw', 'İT', 'it', '\u212A', 'k', 'Σ', '', 'zz']) + (r.chance(0.5) ? '' : String(i)) } as never);
  }
  if (r.chance(0.5)) Object.assign(data.agents![7], { name: r.pick([42, undefined, null, 'ZZ']) });
  if (r.chance(0.5)) Object.assign(data.queues![9], { name: r.pick([42, undefined, null, 'ZZ']) });
  const agentIds = [...data.agents!.map((a) => a.id), 'nobody', '', undefined];
  const queueIds = [...data.queues!.map((q) => q.id), 'unknown-queue', '', undefined];
  const states = ['new', 'open', 'closed successful', 'pending reminder', 'pending auto close+', 'merged', 'Open', 'weird', 'removed'];
  const used = new Set<string>();
  data.tickets.forEach((t, index) => {
    let id = hostileId(r, index);
    while (used.has(id) && !(dups && r.chance(0.3))) id += 'x';
    used.add(id);
    t.id = id;
    if (r.chance(0.25)) t.title = hostileText(r) as string;
    if (r.chance(0.25)) t.number = hostileText(r) as string;
    if (r.chance(0.1)) t.customerUserLogin = r.pick([undefined, '', 'MixedCase.User', 'mixedcase.user', '\u212Aelvin', 'kelvin', 'İ', 'i\u0307']);
    if (r.chance(0.2)) t.priority = r.pick(PRIORITIES) as number;
    if (r.chance(0.2)) t.ownerId = r.pick(agentIds);
    if (r.chance(0.2)) t.queueId = r.pick(queueIds);
    if (r.chance(0.1)) t.state = r.pick(states);
    if (r.chance(0.15)) t.changedAt = hostileTime(r) as string;
    if (r.chance(0.15)) t.createdAt = hostileTime(r) as string;
    if (r.chance(0.2)) t.pendingUntil = hostileTime(r) as string;
    if (r.chance(0.2)) t.escalationAt = hostileTime(r) as string;
    if (r.chance(0.1)) t.lock = r.pick(['lock', 'tmp_lock', 'unlock', undefined]) as never;
  });
  return data;
}

function scopesOf(data: HelpdeskData, tickets: readonly Ticket[], r: Rng): TicketScope[] {
  const counts = new Map<string, number>();
  for (const t of tickets) if (t.customerUserLogin) counts.set(t.customerUserLogin, (counts.get(t.customerUserLogin) ?? 0) + 1);
  const bigUsers = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([login]) => login);
  const secondary = data.customerUsers.filter((u) => u.secondaryCustomerIds?.length);
  const scopes: TicketScope[] = [{ customerId: 'BIGCORP' }, ...bigUsers.map((login) => ({ customerUserLogin: login }))];
  if (secondary.length) scopes.push({ customerUserLogin: r.pick(secondary).login, access: 'accessible' });
  scopes.push({ customerUserLogin: data.customerUsers.find((u) => u.customerId === 'BIGCORP')!.login, access: 'accessible' });
  const small = tickets.find((t) => t.customerId !== 'BIGCORP');
  if (small) scopes.push({ customerId: small.customerId });
  return scopes;
}

const failures: string[] = [];
const stats = { compares: 0, big: 0, bigUser: 0, crossing: 0 };
function check(what: string, got: unknown, want: unknown) {
  const [g, w] = [JSON.stringify(got), JSON.stringify(want)];
  if (g !== w && failures.length < 40) failures.push(`${what}\n   got  ${g.slice(0, 400)}\n   want ${w.slice(0, 400)}`);
}

async function compare(source: InMemoryDataSource, data: HelpdeskData, tickets: readonly Ticket[], scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort, size: number, pages: number, tag: string) {
  const want = contractOrder(data, tickets, scope, view, filter, sort, NOW.getTime());
  let got;
  try {
    got = await shown(source, scope, view, sort, filter, size, pages);
  } catch (error) {
    if (failures.length < 40) failures.push(`${tag} ${JSON.stringify(scope)} ${view} ${filter} ${sort.field} ${sort.direction} size ${size}: threw ${(error as Error)?.stack ?? error}`);
    return;
  }
  stats.compares++;
  if (want.length >= tickets.length / 32 && !['age', 'created'].includes(sort.field)) stats.big++;
  if (want.length >= tickets.length / 32 && 'customerUserLogin' in scope) stats.bigUser++;
  if (size * pages > 200 && want.length > 200) stats.crossing++;
  const what = `${tag} ${JSON.stringify(scope)} ${view} ${filter} ${sort.field} ${sort.direction} size ${size} pages ${pages} (list ${want.length} of ${tickets.length})`;
  check(what, got.ids, want.slice(0, size * pages));
  check(`${what}: total`, got.total, want.length);
}

describe('kept sorts fuzz', () => {
  it('first pages, later pages and totals match a plain sort on hostile data', async function () {
    this.timeout(600_000);
    const r = prng(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      const dups = round % 4 === 3;
      const data = makeData(r, dups);
      const scopes = scopesOf(data, data.tickets, r);
      // Fresh source per sort: the first picked path, then later pages.
      for (const sort of SORTS) {
        const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
        for (const scope of scopes) {
          for (const view of VIEWS) {
            for (const filter of FILTERS) {
              const size = r.pick([1, 7, 25]);
              await compare(source, data, data.tickets, scope, view, filter, sort, size, size === 1 ? 5 : 3, `round ${round}`);
            }
          }
        }
        await compare(source, data, data.tickets, scopes[0], 'all', 'all', sort, 150, Infinity, `round ${round} whole`);
      }
      if (dups) continue;
      // putTicket sequences.
      const source = new InMemoryDataSource(data, { now: NOW, currentAgentId: 'agent-1' });
      const putLog: string[] = [];
      const byId = new Map(data.tickets.map((t) => [t.id, t]));
      for (let step = 0; step < 25; step++) {
        const all = [...byId.values()];
        const customers = [...new Set(all.map((t) => t.customerId))];
        const base = r.pick(all);
        let put: Ticket;
        switch (r.int(10)) {
          case 0: put = { ...base, title: hostileText(r) as string }; break;
          case 1: put = { ...base, customerId: r.pick([...customers, `NEW-${step}`]), customerUserLogin: r.chance(0.5) ? base.customerUserLogin : r.pick(data.customerUsers).login }; break;
          case 2: put = { ...base, state: r.pick(['new', 'open', 'closed successful', 'pending reminder', 'merged', 'weird']) }; break;
          case 3: put = { ...base, pendingUntil: hostileTime(r) as string, escalationAt: hostileTime(r) as string, changedAt: hostileTime(r) as string }; break;
          case 4: put = { ...base, id: hostileId(r, 100000 + step) + `n${step}`, number: hostileText(r) as string, customerId: r.chance(0.3) ? `NEW-${step}` : base.customerId }; break;
          case 5: put = { ...base, customerUserLogin: r.pick([undefined, `new.login${step}`, r.pick(data.customerUsers).login]) }; break;
          case 6: put = { ...base, priority: r.pick(PRIORITIES) as number, ownerId: r.pick(['agent-1', 'agent-x3', 'nobody', undefined]), lock: 'lock' }; break;
          case 7: put = { ...base, queueId: r.pick(['q1', 'q5', 'q-x2', 'unknown', undefined]) }; break;
          case 9: put = Object.assign(base, { title: hostileText(r) as string, state: r.pick(['new', 'open', 'closed successful', 'pending reminder']), pendingUntil: hostileTime(r) as string }); break;
          default: put = { ...base, number: hostileText(r) as string, customerUserLogin: `new.login${step}` };
        }
        const oldOne = byId.get(put.id);
        const desc = `put ${step}: ${oldOne === put ? 'in place' : oldOne ? 'replace' : 'new'} id ${put.id} customer ${oldOne?.customerId}->${put.customerId} login ${oldOne?.customerUserLogin}->${put.customerUserLogin} state ${put.state}`;
        putLog.push(desc);
        source.putTicket(put);
        byId.set(put.id, put);
        const now = [...byId.values()];
        const scopes = scopesOf(data, now, r);
        for (let probe = 0; probe < 30; probe++) {
          const size = r.pick([1, 7, 25, 150]);
          await compare(source, data, now, r.pick(scopes), r.pick(VIEWS), r.pick(FILTERS), r.pick(SORTS), size, size === 150 ? 3 : 2, `round ${round} put ${step}`);
        }
      }
      if (failures.length) console.log(putLog.join('\n'));
    }
    // The fuzz reached what it is for: big lists in kept sorts, of users too, and pages across the first 200.
    expect(stats.big).to.be.above(1000);
    expect(stats.bigUser).to.be.above(100);
    expect(stats.crossing).to.be.above(50);
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});

describe('kept sorts fuzz, a moving now', () => {
  it('due views as now moves back and forth', async function () {
    this.timeout(300_000);
    failures.length = 0;
    const r = prng(SEED + 1000);
    for (let round = 0; round < 8; round++) {
      const data = makeData(r);
      let at = NOW.getTime();
      const source = new InMemoryDataSource(data, { now: () => new Date(at), currentAgentId: 'agent-1' });
      const scopes = scopesOf(data, data.tickets, r);
      for (let step = 0; step < 300; step++) {
        at = NOW.getTime() + (r.int(20) - 10) * 86_400_000 + r.pick([0, 1, -1, r.int(86_400_000)]);
        const view = r.pick(['escalated', 'reminder'] as const);
        const scope = r.pick(scopes);
        const filter = r.pick(FILTERS);
        const sort = r.pick(SORTS);
        const want = referenceAt(data, scope, view, filter, sort, at);
        const got = await shown(source, scope, view, sort, filter, 25, 2);
        check(`now ${new Date(at).toISOString()} ${JSON.stringify(scope)} ${view} ${filter} ${sort.field} ${sort.direction}`, got.ids, want.slice(0, 50));
        check(`now total ${view}`, got.total, want.length);
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});

function referenceAt(data: HelpdeskData, scope: TicketScope, view: TicketView, filter: TicketFilter, sort: TicketSort, at: number): string[] {
  const saved = NOW.getTime();
  NOW.setTime(at);
  try {
    return contractOrder(data, data.tickets, scope, view, filter, sort, NOW.getTime());
  } finally {
    NOW.setTime(saved);
  }
}
