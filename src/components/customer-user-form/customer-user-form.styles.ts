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
  .saved {
    margin: 0;
    color: var(--_text-muted);
  }
`;
