import type { Agent, Customer, CustomerUser, HelpdeskData, HistoryEntry, Queue, Ticket, TicketLock } from '../contract/types.js';

export interface DemoDataOptions {
  /** Same seed, same data. */
  seed?: number;
  customers?: number;
  customerUsers?: number;
  tickets?: number;
  /** Share of all tickets that belong to the one very large customer (`BIGCORP`). */
  largeCustomerShare?: number;
  /** Dates are spread around this moment (default a fixed date, for repeatable data). */
  now?: Date;
}

/** Ids of the edge cases the demo set always contains. */
export const DEMO_EDGE_CASES = {
  /** Known only from its users and tickets: no customer record. */
  noRecord: 'LEGACY-0042',
  invalid: 'DEFUNCT-AG',
  specialCharacters: 'ACME (Europe) & Co. 100%+',
  wildcard: 'Star*Corp',
  large: 'BIGCORP',
} as const;

const DAY = 86_400_000;

/** mulberry32: small, fast and good enough for demo data (and for tests that need a fixed sequence). */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}

const PEOPLE: readonly (readonly [string, string, string])[] = [
  // [first names, last names, email-safe romanisation]
  ['Anna Lukas Jörg Sophie Maximilian Käthe', 'Müller Schröder Weiß Groß Bäcker Köhler', 'de'],
  ['太郎 花子 健 美咲 翔太 さくら', '山田 佐藤 鈴木 高橋 田中 渡辺', 'jp'],
  ['Olivia Liam Emma Noah Ava James', 'Smith Johnson Brown Taylor Wilson Davies', 'en'],
  ['Иван Ольга Дмитрий Анна Сергей Мария', 'Иванов Смирнова Кузнецов Попова Соколов Лебедева', 'ru'],
  ['محمد فاطمة أحمد ليلى عمر سارة', 'الحسن العلي الخطيب النجار الحداد السيد', 'ar'],
  ['Camille Léa Hugo Chloé Louis Zoé', 'Dubois Lefèvre Moreau Girard Fournier Lambert', 'fr'],
  ['Νίκος Μαρία Γιώργος Ελένη Κώστας Σοφία', 'Παπαδόπουλος Γεωργίου Νικολάου Οικονόμου Δημητρίου Κωνσταντίνου', 'gr'],
].map(([first, last, tag]) => [first, last, tag] as const);

const COMPANY_WORDS = [
  'Nordlicht', 'Sakura', 'Blue Harbor', 'Kesselberg', 'Fuji', 'Atlas', 'Orion', 'Rheinland', 'Tanuki',
  'Polaris', 'Eiche', 'Ginkgo', 'Meridian', 'Falke', 'Kumo', 'Vega', 'Alpen', 'Hikari', 'Cedar', 'Brücke',
];
const COMPANY_SUFFIXES = ['GmbH', 'AG', '株式会社', 'Ltd.', 'Inc.', 'KG', 'S.A.', 'BV'];
const CITIES = ['Berlin', 'München', '東京', 'Osaka', 'London', 'Paris', 'Wien', 'Zürich', 'Hamburg', 'Kyoto'];
const TITLES = [
  'Printer does not print', 'VPN disconnects every hour', 'Invoice {n} is wrong', 'Password reset',
  'Mailbox full', 'Bitte Rückruf wegen Vertrag', 'Lieferung {n} fehlt', 'ログインできません',
  '請求書について', 'New laptop for onboarding', 'Server room too warm', 'Licence renewal',
];
const STATES = [
  ['new', 10],
  ['open', 25],
  ['pending reminder', 10],
  ['pending auto close+', 3],
  ['closed successful', 40],
  ['closed unsuccessful', 8],
  ['merged', 2],
  ['removed', 2],
] as const;

function weightedState(random: ReturnType<typeof createRandom>): string {
  let roll = random.int(100);
  for (const [state, weight] of STATES) {
    if (roll < weight) return state;
    roll -= weight;
  }
  return 'open';
}

function demoAgents(): { agents: Agent[]; queues: Queue[] } {
  const queues: Queue[] = ['Raw', 'Postmaster', 'Junk', 'Misc', 'Support', 'Sales', 'Billing', 'IT::Hardware'].map(
    (name, index) => ({ id: `q${index + 1}`, name }),
  );
  const names = ['Alex Agent', 'Birgit Berger', '中村 一郎', 'Chris Carter', 'Dana Doğan', 'Eva Engel'];
  const agents = names.map((name, index) => ({
    id: `agent-${index + 1}`,
    name,
    queueIds: [queues[index % queues.length].id, queues[(index + 4) % queues.length].id],
  }));
  return { agents, queues };
}

function demoCustomers(count: number, random: ReturnType<typeof createRandom>): Customer[] {
  const customers: Customer[] = [
    { id: DEMO_EDGE_CASES.large, name: 'Big Corporation International', valid: true, city: 'Frankfurt am Main',
      country: 'Germany', url: 'https://bigcorp.example', customFields: { 'Contract level': 'Platinum' } },
    { id: DEMO_EDGE_CASES.invalid, name: 'Defunct AG (in Liquidation)', valid: false, city: 'Bremen', country: 'Germany',
      comment: 'Contract terminated; do not create new tickets.' },
    { id: DEMO_EDGE_CASES.specialCharacters, name: 'ACME Europe & Co.', valid: true, city: 'Wien', country: 'Austria',
      url: 'http://acme.example/eu' },
    { id: DEMO_EDGE_CASES.wildcard, name: 'Star Corp', valid: true, city: 'Tokyo', country: 'Japan' },
  ];
  for (let index = customers.length; index < count; index++) {
    const name = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`;
    customers.push({
      id: `C${String(index).padStart(5, '0')}`,
      name,
      valid: random.int(20) > 0,
      street: `${random.pick(['Hauptstraße', 'Market Street', '本町', 'Rue de la Paix'])} ${1 + random.int(120)}`,
      zip: String(10000 + random.int(89999)),
      city: random.pick(CITIES),
      country: random.pick(['Germany', 'Japan', 'United Kingdom', 'France', 'Austria']),
      url: `https://www.${name.split(' ')[0].toLowerCase()}.example`,
      comment: random.int(4) === 0 ? 'Key account' : undefined,
      customFields: { Segment: random.pick(['SMB', 'Enterprise', 'Public sector']) },
    });
  }
  return customers;
}

function demoUsers(count: number, customerIds: string[], random: ReturnType<typeof createRandom>): CustomerUser[] {
  const users: CustomerUser[] = [];
  for (let index = 0; index < count; index++) {
    const [firsts, lasts, tag] = random.pick(PEOPLE);
    const firstName = random.pick(firsts.split(' '));
    const lastName = random.pick(lasts.split(' '));
    // The first users go to the edge-case customers, the rest spread out, a quarter to BIGCORP.
    const customerId = index < customerIds.length ? customerIds[index] : random.int(4) === 0
      ? DEMO_EDGE_CASES.large : random.pick(customerIds);
    const login = `${tag}.user${index}`;
    users.push({
      login,
      customerId,
      secondaryCustomerIds: random.int(15) === 0 ? [random.pick(customerIds)] : undefined,
      title: random.int(3) === 0 ? random.pick(['Dr.', 'Prof.', 'Mx.']) : undefined,
      firstName,
      lastName,
      email: `${login}@example.com`,
      phone: `+49 30 ${1000000 + random.int(8999999)}`,
      city: random.pick(CITIES),
      valid: random.int(25) > 0,
    });
  }
  return users;
}

function demoTickets(
  count: number,
  users: CustomerUser[],
  agents: Agent[],
  queues: Queue[],
  options: Required<Pick<DemoDataOptions, 'largeCustomerShare'>> & { now: number },
  random: ReturnType<typeof createRandom>,
): Ticket[] {
  const largeUsers = users.filter((user) => user.customerId === DEMO_EDGE_CASES.large);
  const tickets: Ticket[] = new Array(count);
  const iso = (time: number) => new Date(time).toISOString();
  for (let index = 0; index < count; index++) {
    const pool = largeUsers.length && random.next() < options.largeCustomerShare ? largeUsers : users;
    const user = random.pick(pool);
    const state = weightedState(random);
    const created = options.now - random.int(730 * DAY);
    const changed = Math.min(options.now, created + random.int(30 * DAY));
    const isClosed = state.startsWith('closed') || state === 'merged' || state === 'removed';
    const owner = random.pick(agents);
    const lock: TicketLock = !isClosed && random.int(3) === 0 ? 'lock' : 'unlock';
    tickets[index] = {
      id: String(index + 1),
      number: String(2026000000 + index + 1),
      title: random.pick(TITLES).replace('{n}', String(1000 + random.int(9000))),
      customerId: user.customerId,
      customerUserLogin: user.login,
      state,
      queueId: random.pick(queues).id,
      priority: 1 + random.int(5),
      ownerId: owner.id,
      responsibleId: random.pick(agents).id,
      lock,
      createdAt: iso(created),
      changedAt: iso(changed),
      pendingUntil: state.startsWith('pending') ? iso(options.now + (random.int(20) - 10) * DAY) : undefined,
      escalationAt: !isClosed && random.int(4) === 0 ? iso(options.now + (random.int(10) - 6) * DAY) : undefined,
      type: random.pick(['Incident', 'Service request', 'Problem']),
    };
  }
  return tickets;
}

const NOTES = [
  'Called about the renewal; they want a quote by Friday.',
  'Quarterly review: happy with response times, asked for a training on the new portal.',
  'Sent the updated contract for signature.',
  'Escalation call with their IT lead about the VPN outages.',
  'Onsite visit planned for next month.',
  'They asked to route invoices to the new finance address.',
];
const ACTIVITIES = ['Contract renewed', 'Account manager changed', 'Price list sent', 'Training delivered'];

/** Notes and activities over the last half year: up to eight per customer with a record, many for the large one. */
function demoHistory(customers: Customer[], agents: Agent[], now: number, random: ReturnType<typeof createRandom>): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  for (const customer of customers) {
    const count = customer.id === DEMO_EDGE_CASES.large ? 40 : random.int(9);
    for (let i = 0; i < count; i++) {
      const note = random.int(3) > 0;
      history.push({
        id: `h${history.length + 1}`, customerId: customer.id, at: new Date(now - random.int(180 * DAY)).toISOString(),
        kind: note ? 'note' : 'activity', text: random.pick(note ? NOTES : ACTIVITIES), author: random.pick(agents).name,
      });
    }
  }
  return history;
}

/**
 * A deterministic demo data set: by default a few hundred customers, thousands
 * of customer users and tens of thousands of tickets in every state, with names in several
 * scripts and the edge cases of `DEMO_EDGE_CASES`. Size is a parameter.
 */
export function generateDemoData(options: DemoDataOptions = {}): HelpdeskData {
  const random = createRandom(options.seed ?? 42);
  const now = (options.now ?? new Date('2026-06-01T09:00:00Z')).getTime();
  const { agents, queues } = demoAgents();
  const customers = demoCustomers(options.customers ?? 300, random);
  const customerIds = [...customers.map((customer) => customer.id), DEMO_EDGE_CASES.noRecord];
  const customerUsers = demoUsers(options.customerUsers ?? 3000, customerIds, random);
  const largeCustomerShare = options.largeCustomerShare ?? 0.2;
  const tickets = demoTickets(options.tickets ?? 30_000, customerUsers, agents, queues,
    { largeCustomerShare, now }, random);
  const history = demoHistory(customers, agents, now, random);
  return { customers, customerUsers, tickets, agents, queues, history };
}
