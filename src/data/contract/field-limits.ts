import type { CustomerUserInput } from './types.js';

/**
 * The longest text each field may hold: the width of the database column it is stored in
 * (Znuny's `VARCHAR(n)` columns, and the reference server's own tables). One table for the
 * checks of every data source, the server's request checks and the contract (`openapi.yaml`),
 * so that a value that passes them also fits its column.
 */
export const FIELD_LIMITS = {
  /** customer_user.* */
  customerUser: {
    login: 200,
    email: 150,
    customerId: 150,
    title: 50,
    firstName: 100,
    lastName: 100,
    phone: 150,
    mobile: 150,
    street: 150,
    zip: 200,
    city: 200,
    country: 200,
    comment: 250,
  } satisfies Partial<Record<keyof CustomerUserInput, number>>,
  /** customer_company.customer_id, ticket.customer_id and the server's tables keyed by customer. */
  customerId: 150,
  /** ticket.customer_user_id (a customer user's login as a ticket names it). */
  ticketCustomerUser: 250,
  /** user_preferences.preferences_key (150) less the `CIC:` prefix the server stores keys under. */
  preferenceKey: 146,
  /** A customer's custom field: its label and its value. */
  customFieldLabel: 250,
  customFieldValue: 250,
  /** How many custom fields a customer may have (their record is stored as one value). */
  customFieldCount: 100,
  /** A note's text. */
  note: 10_000,
} as const;

/** The customer-user fields that are text, with their widths. */
export type CustomerUserTextField = keyof typeof FIELD_LIMITS.customerUser;

/** How deep a stored JSON value (a preference) may nest. */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests arrays and objects deeper than `max` (walked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
