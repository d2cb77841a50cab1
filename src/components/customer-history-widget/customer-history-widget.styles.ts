import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .note-form {
    display: grid;
    gap: var(--_space-1);
    margin-block-end: var(--_space-3);
  }
  textarea {
    resize: vertical;
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
