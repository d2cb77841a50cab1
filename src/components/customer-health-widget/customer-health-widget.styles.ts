import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .overview {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-3);
  }
  .gauge {
    inline-size: 9rem;
  }
  .gauge svg {
    display: block;
    inline-size: 100%;
  }
  .arc {
    fill: none;
    stroke-width: 5;
  }
  .needle {
    stroke: var(--_text);
    stroke-width: 1;
    stroke-linecap: round;
  }
  .hub {
    fill: var(--_text);
  }
  .band-good {
    stroke: var(--_success);
    color: var(--_success);
  }
  .band-warning {
    stroke: var(--_warning);
    color: var(--_warning);
  }
  .band-critical {
    stroke: var(--_danger);
    color: var(--_danger);
  }
  .score {
    margin: 0;
    font-size: 1.25em;
  }
  .score strong {
    font-size: 1.5em;
    font-variant-numeric: tabular-nums;
  }
  .direction,
  .computed {
    margin-block: var(--_space-1);
    color: var(--_text-muted);
  }
  .trend {
    margin-block: var(--_space-1);
  }
  .trend.worse {
    color: var(--_danger);
  }
  .trend.better {
    color: var(--_success);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: var(--_space-2) var(--_space-1);
  }
`;
