import { html } from 'lit';
import { splitByMatches } from '../data/rules/search-pattern.js';

/** `text` with the parts that match `term` in `<mark>`; always rendered as text, never as HTML. */
export function renderHighlighted(text: string, term: string) {
  return splitByMatches(text, term).map((piece) =>
    piece.match ? html`<mark part="match">${piece.text}</mark>` : piece.text,
  );
}
