import { createStateClassifier, DEFAULT_STATE_MAPPING, type StateMapping } from '../../src/data/rules/state-mapping.js';
import type { HelpdeskData, StateCategory } from '../../src/data/contract/types.js';
import type { Db } from './db.js';
import { CIC_INDEXES, CIC_TABLES, COUNT_SUMMARY, STATE_TYPES, ZNUNY_TABLES } from './schema.js';

/** The Znuny state type that stands for each category. */
const TYPE_OF: Record<StateCategory, (typeof STATE_TYPES)[number]> = {
  new: 'new',
  open: 'open',
  'pending-reminder': 'pending reminder',
  'pending-auto': 'pending auto',
  closed: 'closed',
  merged: 'merged',
  removed: 'removed',
};

const LOCKS = ['unlock', 'lock', 'tmp_lock'];
/** The owner of tickets whose owner is unknown (Znuny's user 1). */
const SYSTEM_LOGIN = 'root@localhost';

/** Inserts `rows` in batches of multi-row INSERTs, every value a parameter. */
const epochSeconds = (iso: string | undefined) => {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? 0 : Math.floor(time / 1000);
};
const timestamp = (iso: string | undefined, fallback: string) => {
  const time = iso ? Date.parse(iso) : NaN;
  return new Date(Number.isNaN(time) ? Date.parse(fallback) : time).toISOString().slice(0, 19).replace('T', ' ');
};

/** Creates (or refills) the per-customer count summary and the trigger that keeps it right. */
export async function installCountSummary(db: Db): Promise<void> {
  await db.exec(COUNT_SUMMARY);
}

/** Creates the Znuny tables and the CIC indexes (idempotent). */
export async function createSchema(db: Db): Promise<void> {
  await db.exec(ZNUNY_TABLES);
  await db.exec(CIC_TABLES);
  await db.exec(CIC_INDEXES);
}

/**
 * Loads a data set (the demo generator's, the conformance data…) into empty Znuny tables:
 * agents become `users` with read-write access to one group holding every queue, state names
 * become `ticket_state` rows of the type their category maps to (`stateMapping`, default
 * OTRS/Znuny), pending and escalation times Unix seconds.
 */
export async function seed(db: Db, data: HelpdeskData, stateMapping: StateMapping = DEFAULT_STATE_MAPPING): Promise<void> {
  const classify = createStateClassifier(stateMapping);
  await db.copyRows('valid', ['id', 'name'], [[1, 'valid'], [2, 'invalid']]);
  await db.copyRows('ticket_state_type', ['id', 'name'], STATE_TYPES.map((name, i) => [i + 1, name]));
  await db.copyRows('ticket_lock_type', ['id', 'name'], LOCKS.map((name, i) => [i + 1, name]));
  await db.copyRows('permission_groups', ['id', 'name', 'valid_id'], [[1, 'users', 1]]);

  const queueIds = new Map<string, number>();
  const queueNames = new Map((data.queues ?? []).map((q) => [q.id, q.name]));
  for (const ticket of data.tickets) if (ticket.queueId && !queueNames.has(ticket.queueId)) queueNames.set(ticket.queueId, ticket.queueId);
  if (!queueNames.size) queueNames.set('default', 'Raw');
  [...queueNames].forEach(([id], i) => queueIds.set(id, i + 1));
  await db.copyRows('queue', ['id', 'name', 'group_id', 'valid_id'], [...queueNames].map(([id, name]) => [queueIds.get(id), name, 1, 1]));

  const userIds = new Map<string, number>([[SYSTEM_LOGIN, 1]]);
  const agentRows: unknown[][] = [[1, SYSTEM_LOGIN, 'Admin', 'OTRS', 1]];
  for (const agent of data.agents ?? []) {
    userIds.set(agent.id, userIds.size + 1);
    agentRows.push([userIds.get(agent.id), agent.id, agent.name, '', 1]);
  }
  for (const ticket of data.tickets) {
    if (ticket.ownerId && !userIds.has(ticket.ownerId)) {
      userIds.set(ticket.ownerId, userIds.size + 1);
      agentRows.push([userIds.get(ticket.ownerId), ticket.ownerId, ticket.ownerId, '', 1]);
    }
  }
  await db.copyRows('users', ['id', 'login', 'first_name', 'last_name', 'valid_id'], agentRows);
  await db.copyRows('group_user', ['user_id', 'group_id', 'permission_key'], agentRows.map(([id]) => [id, 1, 'rw']));
  const personal = (data.agents ?? []).flatMap((agent) =>
    agent.queueIds.filter((q) => queueIds.has(q)).map((q) => [userIds.get(agent.id), queueIds.get(q)]),
  );
  if (personal.length) await db.copyRows('personal_queues', ['user_id', 'queue_id'], personal);

  const stateIds = new Map<string, number>();
  for (const ticket of data.tickets) {
    if (typeof ticket.state === 'string' && !stateIds.has(ticket.state)) stateIds.set(ticket.state, stateIds.size + 1);
  }
  await db.copyRows('ticket_state', ['id', 'name', 'type_id', 'valid_id'], [...stateIds].map(([name, id]) => [
    id, name, STATE_TYPES.indexOf(TYPE_OF[classify.categoryOf(name)]) + 1, 1,
  ]));

  const names = new Set<string>();
  const companies = data.customers.filter((c) => typeof c.name === 'string' && c.name !== '' && !names.has(c.name) && names.add(c.name));
  await db.copyRows('customer_company', ['customer_id', 'name', 'street', 'zip', 'city', 'country', 'url', 'comments', 'valid_id'],
    companies.map((c) => [c.id, c.name, c.street ?? null, c.zip ?? null, c.city ?? null, c.country ?? null, c.url ?? null, c.comment ?? null, c.valid === false ? 2 : 1]));
  await db.copyRows('cic_customer_fields', ['customer_id', 'fields', 'version'],
    companies.filter((c) => c.customFields && Object.keys(c.customFields).length).map((c) => [c.id, JSON.stringify(c.customFields), 1]));
  await db.copyRows('cic_customer_history', ['customer_id', 'create_time', 'kind', 'text', 'author'],
    (data.history ?? []).map((h) => [h.customerId, timestamp(h.at, '2000-01-01T00:00:00Z'), h.kind, h.text, h.author ?? null]));
  await db.copyRows('customer_user',
    ['login', 'email', 'customer_id', 'title', 'first_name', 'last_name', 'phone', 'mobile', 'street', 'zip', 'city', 'country', 'comments', 'valid_id'],
    data.customerUsers.map((u) => [u.login, u.email ?? '', u.customerId, u.title ?? null, u.firstName ?? '', u.lastName ?? '', u.phone ?? null,
      u.mobile ?? null, u.street ?? null, u.zip ?? null, u.city ?? null, u.country ?? null, u.comment ?? null, u.valid === false ? 2 : 1]));
  const secondary = data.customerUsers.flatMap((u) => (u.secondaryCustomerIds ?? []).map((id) => [u.login, id]));
  if (secondary.length) await db.copyRows('customer_user_customer', ['user_id', 'customer_id'], secondary);

  let nextId = Math.max(0, ...data.tickets.map((t) => Number(t.id)).filter(Number.isSafeInteger)) + 1;
  const firstQueue = queueIds.values().next().value;
  await db.copyRows('ticket',
    ['id', 'tn', 'title', 'queue_id', 'ticket_lock_id', 'user_id', 'responsible_user_id', 'ticket_priority_id', 'ticket_state_id',
      'customer_id', 'customer_user_id', 'until_time', 'escalation_time', 'create_time', 'change_time'],
    data.tickets.map((t) => {
      const id = /^\d+$/.test(t.id) ? Number(t.id) : nextId++;
      const owner = userIds.get(t.ownerId ?? SYSTEM_LOGIN) ?? 1;
      const created = timestamp(t.createdAt, '2000-01-01T00:00:00Z');
      return [id, t.number, t.title ?? null, queueIds.get(t.queueId ?? '') ?? firstQueue, LOCKS.indexOf(t.lock ?? 'unlock') + 1 || 1,
        owner, userIds.get(t.responsibleId ?? '') ?? owner, Number.isInteger(t.priority) && t.priority! >= 1 && t.priority! <= 5 ? t.priority : 3,
        stateIds.get(t.state) ?? 1, t.customerId, t.customerUserLogin ?? null, epochSeconds(t.pendingUntil), epochSeconds(t.escalationAt),
        created, timestamp(t.changedAt, created.replace(' ', 'T') + 'Z')];
    }));
  for (const [table, column] of [['ticket', 'id'], ['users', 'id'], ['queue', 'id'], ['customer_user', 'id']]) {
    await db.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), (SELECT COALESCE(MAX(${column}), 0) + 1 FROM ${table}), false)`);
  }
  await installCountSummary(db);
  // VACUUM sets the visibility map, so that counts are answered from the indexes alone.
  await db.exec('VACUUM ANALYZE');
}
