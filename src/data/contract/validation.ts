import { ConflictError } from './errors.js';
import { FIELD_LIMITS, type CustomerUserTextField } from './field-limits.js';
import type { CustomerUpdate, CustomerUserInput } from './types.js';

/** The reason a field is invalid; the elements word it in the agent's language. */
export type FieldProblem = 'required' | 'email' | 'too-long';

export const MAX_NOTE_LENGTH = FIELD_LIMITS.note;
export const MAX_CUSTOM_FIELD_LENGTH = FIELD_LIMITS.customFieldValue;

const REQUIRED: (keyof CustomerUserInput)[] = ['login', 'firstName', 'lastName', 'email', 'customerId'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a customer user before it is saved; returns field → problem, empty when valid. */
export function validateCustomerUser(input: Partial<CustomerUserInput>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of REQUIRED) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') problems[field] = 'required';
  }
  if (!problems.email && !EMAIL.test(input.email ?? '')) problems.email = 'email';
  for (const [field, width] of Object.entries(FIELD_LIMITS.customerUser) as [CustomerUserTextField, number][]) {
    const value = input[field];
    if (typeof value === 'string' && value.length > width) problems[field] = 'too-long';
  }
  return problems;
}

/**
 * A customer user as it is stored: login and customer id without surrounding spaces (an id
 * that differs only by a space would be a second, invisible identity).
 */
export function trimmedCustomerUser<T extends Partial<CustomerUserInput>>(input: T): T {
  return { ...input, login: input.login?.trim(), customerId: input.customerId?.trim() };
}

/**
 * A changed login is refused: tickets and secondary customers name a customer user by its
 * login, and would stay with the old one.
 */
export const loginChangeRefused = () => new ConflictError("A customer user's login cannot be changed", 'login');

/** Checks a note before it is added: some text, at most `MAX_NOTE_LENGTH` characters. */
export function validateNote(note: { text?: unknown }): Record<string, FieldProblem> {
  if (typeof note.text !== 'string' || note.text.trim() === '') return { text: 'required' };
  return note.text.length > MAX_NOTE_LENGTH ? { text: 'too-long' } : {};
}

/**
 * Checks custom fields before they are saved: keyed by label, label and value each no longer
 * than its limit, and the `version` the change was made on (a
 * change without it would overwrite someone else's unseen).
 */
export function validateCustomerUpdate(update: Partial<CustomerUpdate>): Record<string, FieldProblem> {
  const fields = update.customFields;
  if (typeof fields !== 'object' || fields === null) return { customFields: 'required' };
  // Keyed by labels as written: collected as entries, since `problems[label] = …` would not
  // record a label such as "__proto__".
  const problems: [string, FieldProblem][] = [];
  if (typeof update.version !== 'string' || update.version === '') problems.push(['version', 'required']);
  for (const [label, value] of Object.entries(fields)) {
    if (typeof value !== 'string') problems.push([label, 'required']);
    else if (value.length > MAX_CUSTOM_FIELD_LENGTH || label.length > FIELD_LIMITS.customFieldLabel) problems.push([label, 'too-long']);
  }
  return Object.fromEntries(problems);
}
