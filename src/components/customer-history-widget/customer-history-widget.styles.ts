import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .button {
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    cursor: pointer;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .note-form {
    display: grid;
    gap: var(--_space-1);
    margin-block-end: var(--_space-3);
  }
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-1) var(--_space-2);
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .message {
    margin: 0;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    gap: var(--_space-2);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .entry {
    padding-block: var(--_space-2);
    border-block-end: 1px solid var(--_border);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-3);
    color: var(--_text-muted);
  }
  .kind-ticket-created .kind,
  .kind-ticket-closed .kind {
    color: var(--_accent);
  }
  .text {
    margin: var(--_space-1) 0 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
`;
