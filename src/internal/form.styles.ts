import { css } from 'lit';

/** Inputs, the primary button, field messages and the row of actions shared by the forms. */
export const formStyles = css`
  input:not([type='checkbox']):not([type='search']),
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .message {
    margin: 0;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .primary:hover {
    background: var(--_accent);
    filter: brightness(1.1);
  }
`;
