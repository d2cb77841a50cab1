import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_space-3);
  }
  .field {
    display: grid;
    gap: var(--_space-1);
    align-content: start;
  }
  label {
    font-weight: 600;
  }
  .required::after {
    content: ' *';
    color: var(--_danger);
  }
  input {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .message {
    margin: 0;
    color: var(--_danger);
  }
  .saved {
    margin: 0;
    color: var(--_text-muted);
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
