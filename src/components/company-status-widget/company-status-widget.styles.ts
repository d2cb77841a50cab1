import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  dl {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_space-1) var(--_space-3);
    margin: 0;
  }
  dt {
    color: var(--_text-muted);
  }
  dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .total {
    font-weight: 600;
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
