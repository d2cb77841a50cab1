import type { CustomerUpdate, CustomerUserInput } from './types.js';

/** The reason a field is invalid; the elements word it in the agent's language. */
export type FieldProblem = 'required' | 'email' | 'too-long';

export const MAX_NOTE_LENGTH = 10_000;
export const MAX_CUSTOM_FIELD_LENGTH = 250;

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
  return problems;
}

/** Checks a note before it is added: some text, at most `MAX_NOTE_LENGTH` characters. */
export function validateNote(note: { text?: unknown }): Record<string, FieldProblem> {
  if (typeof note.text !== 'string' || note.text.trim() === '') return { text: 'required' };
  return note.text.length > MAX_NOTE_LENGTH ? { text: 'too-long' } : {};
}

/** Checks custom fields before they are saved: keyed by label, at most `MAX_CUSTOM_FIELD_LENGTH` characters each. */
export function validateCustomerUpdate(update: Partial<CustomerUpdate>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const fields = update.customFields;
  if (typeof fields !== 'object' || fields === null) return { customFields: 'required' };
  for (const [label, value] of Object.entries(fields)) {
    if (typeof value !== 'string') problems[label] = 'required';
    else if (value.length > MAX_CUSTOM_FIELD_LENGTH) problems[label] = 'too-long';
  }
  return problems;
}
