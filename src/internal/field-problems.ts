import { msg } from './localize.js';

/** A field problem in the agent's words: known codes are translated, other text shown as given. */
export function problemText(problem: string, field: string): string {
  switch (problem) {
    case 'required':
      return msg('This field is required.');
    case 'email':
      return msg('Enter a valid email address, like name@example.com.');
    case 'too-long':
      return msg('This is too long.');
    case 'conflict':
      if (field === 'login') return msg('This login is already taken.');
      if (field === 'email') return msg('This email address is already in use.');
      return msg('This value is already in use.');
    default:
      return problem;
  }
}

