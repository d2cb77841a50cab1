import { css } from 'lit';

export const informationCenterStyles = css`
  :host {
    display: block;
    background: var(--_surface-alt);
    color: var(--_text);
    padding: var(--_space-4);
    container-type: inline-size;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2) var(--_space-4);
    margin-block-end: var(--_space-4);
  }
  .header h1 {
    margin: 0;
    font-size: 1.4em;
    overflow-wrap: anywhere;
  }
  .header .id {
    color: var(--_text-muted);
    overflow-wrap: anywhere;
  }
  .live {
    color: var(--_text-muted);
  }
  .live--live {
    color: var(--_success);
  }
  .header .actions {
    display: flex;
    gap: var(--_space-2);
    margin-inline-start: auto;
  }
  .regions {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(16rem, 22rem);
    gap: var(--_space-4);
    align-items: start;
  }
  .regions[hidden] {
    display: none;
  }
  @container (max-width: 48rem) {
    .regions {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .region {
    display: flex;
    flex-direction: column;
    gap: var(--_space-4);
    min-block-size: 4rem;
    border-radius: var(--_radius);
  }
  .region:empty {
    outline: 2px dashed var(--_border);
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }
  /* A widget that hides itself (e.g. no customer record) takes its card along. */
  .card:has(> .card-body > [hidden]) {
    display: none;
  }
  .card.sortable-ghost {
    opacity: 0.4;
  }
  .card-header {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-2) var(--_space-3);
    border-block-end: 1px solid var(--_border);
  }
  .card-title {
    flex: 1;
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .drag-handle,
  .close-button {
    border: none;
    background: none;
    padding: var(--_space-1);
    border-radius: var(--_radius);
    color: var(--_text-muted);
    line-height: 1;
  }
  .drag-handle {
    cursor: grab;
  }
  .close-button {
    cursor: pointer;
    font-size: 1.2em;
  }
  .drag-handle:hover,
  .close-button:hover {
    background: var(--_surface-alt);
    color: var(--_text);
  }
  .card-body {
    padding: var(--_space-2) var(--_space-3);
    overflow-x: auto;
  }
  .empty {
    display: grid;
    justify-items: center;
    gap: var(--_space-3);
    padding: var(--_space-4);
    color: var(--_text-muted);
  }
`;
