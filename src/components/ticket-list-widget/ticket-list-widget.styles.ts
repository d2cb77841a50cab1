import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  [role='tab'] {
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_border);
    background: var(--_surface-alt);
    font-weight: 600;
  }
  .count {
    color: var(--_text-muted);
  }
  .overdue {
    background: var(--_warning-surface);
    color: var(--_danger);
    font-weight: 600;
    padding-inline: var(--_space-1);
    border-radius: var(--_radius);
  }
  .columns,
  .access {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space-2);
    padding: var(--_space-2);
  }
  .access {
    display: flex;
    gap: var(--_space-3);
  }
  .columns ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
  }
  .columns li {
    display: flex;
    gap: var(--_space-1);
    align-items: center;
  }
  .columns label {
    flex: 1;
  }
`;
