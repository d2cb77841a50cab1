import type { HelpdeskData, Ticket } from '../../src/data/contract/types.js';

/** The fixed clock of the small fixture. */
export const NOW = new Date('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
export const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

let nextId = 1;
/** A ticket of ACME with sensible defaults; override what the test is about. */
export function ticket(fields: Partial<Ticket>): Ticket {
  const id = String(nextId++);
  return {
    id,
    number: `20260${id.padStart(4, '0')}`,
    title: `Ticket ${id}`,
    customerId: 'ACME',
    customerUserLogin: 'anna',
    state: 'open',
    queueId: 'q1',
    priority: 3,
    ownerId: 'other',
    lock: 'unlock',
    createdAt: at(-100 - Number(id)),
    changedAt: at(-10),
    ...fields,
  };
}

/**
 * A small helpdesk: ACME with two users, a customer with special characters, `Star*Corp`
 * next to `StarXCorp` (an id pattern must never match both), and a customer known only
 * from its user (`GHOST-1`). The current agent is `me`, whose queue is `q1`.
 */
export function smallHelpdesk(): HelpdeskData {
  nextId = 1;
  return {
    agents: [
      { id: 'me', name: 'Mia Me', queueIds: ['q1'] },
      { id: 'other', name: 'Otto Other', queueIds: ['q2'] },
    ],
    queues: [
      { id: 'q1', name: 'Support' },
      { id: 'q2', name: 'Sales' },
    ],
    customers: [
      { id: 'ACME', name: 'Acme Corporation', valid: true, city: 'Berlin', url: 'https://acme.example' },
      { id: 'ACME (Europe) & Co. 100%+', name: 'Acme Europe', valid: true },
      { id: 'Star*Corp', name: 'Star Corp', valid: true },
      { id: 'StarXCorp', name: 'Star X', valid: false },
    ],
    customerUsers: [
      { login: 'anna', customerId: 'ACME', firstName: 'Anna', lastName: 'Alder', email: 'anna@acme.example' },
      { login: 'bob', customerId: 'ACME', firstName: 'Bob', lastName: 'Baker', email: 'bob@acme.example',
        secondaryCustomerIds: ['Star*Corp'] },
      { login: 'yamada', customerId: 'Star*Corp', firstName: '太郎', lastName: '山田', email: 'yamada@star.example' },
      { login: 'xavier', customerId: 'StarXCorp', firstName: 'Xavier', lastName: 'Xu', email: 'x@starx.example' },
      { login: 'ghost.user', customerId: 'GHOST-1', firstName: 'Gina', lastName: 'Ghost', email: 'gina@ghost.example' },
      { login: 'eu user', customerId: 'ACME (Europe) & Co. 100%+', firstName: 'Eva', lastName: 'Europa',
        email: 'eva@acme-eu.example' },
    ],
    tickets: [
      ticket({ state: 'new', title: 'New one' }),
      ticket({ state: 'new', ownerId: 'me', lock: 'lock', queueId: 'q2' }),
      ticket({ state: 'open', escalationAt: at(-1) }),
      ticket({ state: 'open', escalationAt: at(+5), ownerId: 'me', lock: 'lock' }),
      ticket({ state: 'open', queueId: 'q2', customerUserLogin: 'bob' }),
      ticket({ state: 'pending reminder', pendingUntil: at(-2), ownerId: 'me', lock: 'lock' }),
      ticket({ state: 'pending reminder', pendingUntil: at(-30) }),
      ticket({ state: 'pending reminder', pendingUntil: at(+3) }),
      ticket({ state: 'pending auto close+', pendingUntil: at(-1) }),
      ticket({ state: 'closed successful', escalationAt: at(-50) }),
      ticket({ state: 'closed unsuccessful', customerUserLogin: 'bob' }),
      ticket({ state: 'merged' }),
      ticket({ state: 'open', customerId: 'Star*Corp', customerUserLogin: 'yamada' }),
      ticket({ state: 'open', customerId: 'StarXCorp', customerUserLogin: 'xavier' }),
      ticket({ state: 'new', customerId: 'GHOST-1', customerUserLogin: 'ghost.user' }),
    ],
  };
}
