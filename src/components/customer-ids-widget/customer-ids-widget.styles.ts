import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .kind {
    color: var(--_text-muted);
    font-size: 0.9em;
  }
`;
