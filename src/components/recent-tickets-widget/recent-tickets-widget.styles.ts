import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space-1) var(--_space-3);
    padding-block: var(--_space-1);
    border-block-end: 1px solid var(--_border);
  }
  a,
  button.link {
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .number {
    font-variant-numeric: tabular-nums;
  }
  .meta {
    display: flex;
    gap: var(--_space-2);
    color: var(--_text-muted);
    white-space: nowrap;
  }
`;
