import type { CustomerUserInput } from './types.js';

/** The reason a customer-user field is invalid; the elements word it in the agent's language. */
export type FieldProblem = 'required' | 'email';

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
