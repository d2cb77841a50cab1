import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .filter {
    flex: 1;
    display: flex;
  }
  .filter input {
    flex: 1;
    min-inline-size: 8rem;
  }
  .contact {
    position: relative;
    display: inline-flex;
    align-items: baseline;
    gap: var(--_space-1);
  }
  .contact .icon {
    border: none;
    background: none;
    padding: 0 var(--_space-1);
    color: var(--_accent);
    cursor: pointer;
  }
  .contact-card {
    position: absolute;
    inset-block-start: 100%;
    inset-inline-start: 0;
    z-index: 1;
    min-inline-size: 14rem;
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
    white-space: normal;
  }
  .contact-card[hidden] {
    display: none;
  }
  .contact-card dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--_space-1) var(--_space-2);
    margin: 0;
  }
  .contact-card dd {
    margin: 0;
    white-space: pre-line;
  }
  .form {
    margin-block-end: var(--_space-3);
  }
`;
