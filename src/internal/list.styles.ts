import { css } from 'lit';

/** Tables, toolbars, pagers and link-like buttons shared by the list widgets. */
export const listStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
    margin-block-end: var(--_space-2);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: var(--_space-1) var(--_space-2);
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    white-space: nowrap;
  }
  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .text {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_text-muted);
  }
  button.sort,
  button.link {
    border: none;
    background: none;
    padding: 0;
    cursor: pointer;
    font-weight: inherit;
    text-align: start;
  }
  button.link,
  a {
    color: var(--_accent);
    text-decoration: underline;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    margin-block-start: var(--_space-2);
  }
  .page-size {
    margin-inline-start: auto;
    display: flex;
    gap: var(--_space-1);
    align-items: center;
  }
  select,
  input[type='search'] {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-1) var(--_space-2);
  }
  .icon {
    border: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: var(--_radius);
    cursor: pointer;
  }
`;
