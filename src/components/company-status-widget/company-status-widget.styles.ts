import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  /* Counts: labels on the start side, numbers aligned on the end side. */
  dl {
    grid-template-columns: 1fr auto;
  }
  dd {
    text-align: end;
    white-space: normal;
    font-variant-numeric: tabular-nums;
  }
  .categories {
    margin-block-start: var(--_space-3);
    padding-block-start: var(--_space-2);
    border-block-start: 1px solid var(--_border);
  }
  a,
  button.link {
    color: var(--_accent);
    text-decoration: underline;
    border: none;
    background: none;
    padding: 0;
    cursor: pointer;
  }
`;
