import { css } from 'lit';

export const styles = css`
  .button {
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    cursor: pointer;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .fields-form {
    display: grid;
    gap: var(--_space-1);
    margin-block-start: var(--_space-2);
  }
  .fields-form input {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-1) var(--_space-2);
  }
  .fields-form input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .message {
    margin: 0;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    gap: var(--_space-2);
    margin-block-start: var(--_space-1);
  }
`;
