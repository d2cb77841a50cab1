import { css } from 'lit';

/** Details of a record (customer, customer user) as a definition list. */
export const recordStyles = css`
  :host {
    display: block;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6rem, auto) 1fr;
    gap: var(--_space-1) var(--_space-3);
    margin: 0;
  }
  dt {
    color: var(--_text-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .invalid {
    display: inline-block;
    margin-block-end: var(--_space-2);
    padding: 0 var(--_space-2);
    border-radius: var(--_radius);
    background: var(--_warning-surface);
    color: var(--_danger);
    font-weight: 600;
  }
  a {
    color: var(--_accent);
  }
`;
