import type { CustomerUser, CustomerUserInput, Ticket } from '../../src/data/contract/types.js';

/**
 * A ticket's columns, the names of its state, queue, owner, responsible and lock looked up for
 * the rows of the page only: subqueries, run after the sort and limit. Five joins made planning
 * a list take longer than running it (planned for every request: statements are not prepared).
 */
export const TICKET_COLUMNS = `t.id::text AS id, t.tn, t.title, t.customer_id, t.customer_user_id,
  (SELECT s.name FROM ticket_state s WHERE s.id = t.ticket_state_id) AS state, t.queue_id::text AS queue_id,
  (SELECT q.name FROM queue q WHERE q.id = t.queue_id) AS queue_name, t.ticket_priority_id AS priority,
  (SELECT u.login FROM users u WHERE u.id = t.user_id) AS owner,
  (SELECT NULLIF(trim(u.first_name || ' ' || u.last_name), '') FROM users u WHERE u.id = t.user_id) AS owner_name,
  (SELECT r.login FROM users r WHERE r.id = t.responsible_user_id) AS responsible,
  (SELECT l.name FROM ticket_lock_type l WHERE l.id = t.ticket_lock_id) AS lock,
  t.create_time::text AS create_time, t.change_time::text AS change_time, t.until_time, t.escalation_time`;

/** A `timestamp(0)` (Znuny stores UTC without a zone), read as text, in ISO 8601. */
export const iso = (value: unknown) => new Date(`${String(value).replace(' ', 'T')}Z`).toISOString();
export const fromEpoch = (seconds: number) => (seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined);
/** A column's value as text, or undefined for NULL. */
export const optionalText = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

export const USER_COLUMNS = `cu.login, cu.email, cu.customer_id, cu.title, cu.first_name, cu.last_name, cu.phone, cu.mobile, cu.street, cu.zip,
  cu.city, cu.country, cu.comments, cu.valid_id,
  (SELECT array_agg(cuc.customer_id ORDER BY cuc.customer_id) FROM customer_user_customer cuc WHERE cuc.user_id = cu.login) AS secondary`;

export function toUser(row: Record<string, unknown>): CustomerUser {
  const secondary = row.secondary as string[] | null;
  return {
    login: String(row.login), customerId: String(row.customer_id), email: optionalText(row.email) || undefined, title: optionalText(row.title),
    firstName: optionalText(row.first_name), lastName: optionalText(row.last_name), phone: optionalText(row.phone), mobile: optionalText(row.mobile),
    street: optionalText(row.street), zip: optionalText(row.zip), city: optionalText(row.city), country: optionalText(row.country), comment: optionalText(row.comments),
    valid: row.valid_id === 1, secondaryCustomerIds: secondary?.length ? secondary : undefined,
  };
}

export function toTicket(row: Record<string, unknown>): Ticket {
  return {
    id: String(row.id), number: String(row.tn), title: optionalText(row.title) ?? '', customerId: String(row.customer_id ?? ''),
    customerUserLogin: optionalText(row.customer_user_id), state: String(row.state), queueId: optionalText(row.queue_id), queueName: optionalText(row.queue_name),
    priority: Number(row.priority), ownerId: optionalText(row.owner), ownerName: optionalText(row.owner_name), responsibleId: optionalText(row.responsible),
    lock: row.lock as Ticket['lock'], createdAt: iso(row.create_time), changedAt: iso(row.change_time),
    pendingUntil: fromEpoch(Number(row.until_time)), escalationAt: fromEpoch(Number(row.escalation_time)),
  };
}

export function userValues(input: CustomerUserInput): unknown[] {
  return [input.login, input.email ?? '', input.customerId, input.title ?? null, input.firstName ?? '', input.lastName ?? '',
    input.phone ?? null, input.mobile ?? null, input.street ?? null, input.zip ?? null, input.city ?? null, input.country ?? null,
    input.comment ?? null, input.valid === false ? 2 : 1];
}
