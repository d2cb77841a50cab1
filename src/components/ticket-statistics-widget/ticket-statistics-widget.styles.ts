import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .summary {
    margin-block: 0 var(--_space-2);
  }
  .button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .donuts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-4);
    margin-block-start: var(--_space-2);
  }
  figure {
    margin: 0;
  }
  .donut {
    inline-size: 9rem;
    text-align: center;
  }
  .donut svg {
    display: block;
    inline-size: 100%;
  }
  .track,
  .segment {
    fill: none;
    stroke-width: 6;
  }
  .track {
    stroke: var(--_surface-alt);
  }
  .segment {
    cursor: pointer;
    pointer-events: stroke;
  }
  .segment:hover,
  .segment:focus-visible,
  .segment-link:focus-visible .segment {
    stroke-width: 8;
    outline: none;
  }
  .segment-link:focus-visible {
    outline: none;
  }
  .total {
    font-size: 6px;
    fill: currentColor;
  }
  .active {
    min-block-size: 1.5em;
    margin-block: var(--_space-1);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    list-style: none;
    margin: 0 0 var(--_space-3);
    padding: 0;
  }
  .swatch {
    display: inline-block;
    inline-size: 0.75em;
    block-size: 0.75em;
    margin-inline-end: var(--_space-1);
    border-radius: 2px;
  }
  .bars svg {
    display: block;
    inline-size: 100%;
    block-size: 8rem;
  }
  .created {
    fill: var(--_chart-1);
    background: var(--_chart-1);
  }
  .closed {
    fill: var(--_chart-3);
    background: var(--_chart-3);
  }
  figcaption {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    color: var(--_text-muted);
  }
  .range {
    margin-inline-start: auto;
  }
  table + table,
  .table-wrap + .table-wrap {
    margin-block-start: var(--_space-3);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_space-1);
  }
`;
