import { css } from 'lit';

export const styles = css`
  dialog {
    inline-size: min(40rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 4rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: var(--_backdrop);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: var(--_space-3) var(--_space-4);
    border-block-end: 1px solid var(--_border);
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  .body {
    display: grid;
    gap: var(--_space-4);
    padding: var(--_space-4);
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    padding: var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .hint {
    color: var(--_text-muted);
    margin: 0;
  }
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-block-size: 16rem;
    overflow-y: auto;
  }
  [role='option'] {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-2);
    padding: var(--_space-2);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [role='option'] .secondary {
    color: inherit;
    opacity: 0.8;
    text-align: end;
  }
  mark {
    background: var(--_highlight);
    color: inherit;
    font-weight: 600;
  }
  [aria-selected='true'] mark {
    color: var(--_text);
  }
  .icon-button {
    border: none;
    background: none;
    font-size: 1.3em;
    line-height: 1;
    padding: var(--_space-1) var(--_space-2);
    cursor: pointer;
    border-radius: var(--_radius);
  }
`;
