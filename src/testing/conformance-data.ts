import type { HelpdeskData, Ticket } from '../data/contract/types.js';

/** The clock the conformance data is written against: seed your backend's clock with it. */
export const CONFORMANCE_NOW = new Date('2026-03-01T12:00:00Z');
/** The agent the suite asks as (owner of "my locked", whose queue is `q1`). */
export const CONFORMANCE_AGENT_ID = 'agent-me';

/** Customer ids a backend must match literally: wildcards, SQL and URL syntax, spaces. */
export const CONFORMANCE_SPECIAL_IDS = ['Star*Corp', '100% (Europe) & Co+', "O'Brien; --Ltd", 'Back\\slash_Inc', 'With Space'];

const HOUR = 3_600_000;
const at = (hours: number) => new Date(CONFORMANCE_NOW.getTime() + hours * HOUR).toISOString();

/**
 * A small helpdesk that exercises every rule of the contract: every state category,
 * pending and escalation times on both sides of now, locked and unlocked tickets in mine
 * and other queues, users with secondary customers, ids with special characters, a
 * customer known only through its users and tickets (`GHOST`), and a customer with enough
 * tickets (`BIG`, 37) and users (23) to need several pages. Deterministic: every call gives
 * the same data.
 */
export function conformanceData(): HelpdeskData {
  const states = ['new', 'open', 'pending reminder', 'pending auto close+', 'closed successful', 'closed unsuccessful', 'merged', 'removed'];
  const customers = [
    { id: 'BIG', name: 'Big Customer Ltd', valid: true, city: 'Berlin', url: 'https://big.example', customFields: { Tier: 'Gold' } },
    { id: 'SMALL', name: 'Small Shop', valid: true },
    { id: 'INVALID', name: 'Gone Inc', valid: false },
    ...CONFORMANCE_SPECIAL_IDS.map((id, i) => ({ id, name: `Special ${i + 1}`, valid: true })),
    { id: 'StarXCorp', name: 'Star X', valid: true },
  ];
  const customerUsers = [
    ...Array.from({ length: 23 }, (_, i) => ({
      login: `big.user${String(i + 1).padStart(2, '0')}`,
      customerId: 'BIG',
      firstName: ['Anna', 'Bob', 'Chloé', '太郎', 'Đorđe'][i % 5],
      lastName: `Member${String(23 - i).padStart(2, '0')}`,
      email: `user${i + 1}@big.example`,
      secondaryCustomerIds: i === 0 ? ['SMALL'] : undefined,
    })),
    { login: 'small.owner', customerId: 'SMALL', firstName: 'Sam', lastName: 'Small', email: 'sam@small.example' },
    { login: 'ghost.user', customerId: 'GHOST', firstName: 'Gina', lastName: 'Ghost', email: 'gina@ghost.example' },
    ...CONFORMANCE_SPECIAL_IDS.map((id, i) => ({
      login: `special${i + 1}`, customerId: id, firstName: 'Spe', lastName: `Cial${i + 1}`, email: `special${i + 1}@x.example`,
    })),
    { login: 'starx', customerId: 'StarXCorp', firstName: 'Xavier', lastName: 'Star', email: 'x@starx.example' },
  ];
  const tickets: Ticket[] = [];
  const add = (fields: Partial<Ticket> & Pick<Ticket, 'customerId'>) => {
    const n = tickets.length + 1;
    tickets.push({
      id: String(1000 + n),
      number: `2026030${String(n).padStart(5, '0')}`,
      title: `Ticket ${n} ${['printer', 'Login', 'invoice', 'VPN', 'écran'][n % 5]}`,
      state: 'open',
      queueId: n % 3 === 0 ? 'q2' : 'q1',
      priority: (n % 5) + 1,
      ownerId: n % 4 === 0 ? CONFORMANCE_AGENT_ID : 'agent-other',
      lock: n % 2 === 0 ? 'lock' : 'unlock',
      createdAt: at(-24 * ((n * 7) % 40) - n),
      changedAt: at(-(n % 9)),
      ...fields,
    });
  };
  for (let i = 0; i < 37; i++) {
    const state = states[i % states.length];
    const login = `big.user${String((i % 23) + 1).padStart(2, '0')}`;
    add({
      customerId: 'BIG',
      customerUserLogin: login,
      state,
      pendingUntil: state.startsWith('pending') ? at(i % 2 ? -(i + 1) : i + 1) : undefined,
      escalationAt: i % 3 === 0 ? at(i % 2 ? -(i + 2) : i + 2) : undefined,
    });
  }
  add({ customerId: 'SMALL', customerUserLogin: 'small.owner', state: 'new' });
  add({ customerId: 'SMALL', customerUserLogin: 'big.user01', state: 'closed successful' });
  add({ customerId: 'GHOST', customerUserLogin: 'ghost.user', state: 'open', escalationAt: at(-1) });
  CONFORMANCE_SPECIAL_IDS.forEach((id, i) => add({ customerId: id, customerUserLogin: `special${i + 1}`, state: 'open' }));
  add({ customerId: 'StarXCorp', customerUserLogin: 'starx', state: 'open' });
  add({ customerId: 'ORPHAN-TICKETS', state: 'new' });
  return {
    customers,
    customerUsers,
    tickets,
    agents: [
      { id: CONFORMANCE_AGENT_ID, name: 'Mia Me', queueIds: ['q1'] },
      { id: 'agent-other', name: 'Otto Other', queueIds: ['q2'] },
    ],
    queues: [
      { id: 'q1', name: 'Support' },
      { id: 'q2', name: 'Billing' },
    ],
    // Seven notes and activities of BIG, a day apart; the newest is note 7.
    history: Array.from({ length: 7 }, (_, i) => ({
      id: `h${i + 1}`, customerId: 'BIG', at: at(-24 * (7 - i)), kind: i % 3 === 2 ? ('activity' as const) : ('note' as const),
      text: `Note ${i + 1}: ${['called back', 'Renewal discussed', 'sent the offer'][i % 3]}`, author: 'Mia Me',
    })),
  };
}
