import { html, type TemplateResult } from 'lit';
import { LruCache } from '../data/rules/lru.js';

/**
 * A piece of markup written as a tagged template (`markup\`<td>${text}</td>\``) that is not yet a
 * Lit template: `joined` makes one template of it and of the pieces among its values (a piece,
 * or a list of pieces, in a child position); any other value (text, `nothing`, Lit templates,
 * directives) stays a binding.
 */
export interface Markup {
  readonly strings: TemplateStringsArray;
  readonly values: readonly unknown[];
}

class Piece implements Markup {
  constructor(
    readonly strings: TemplateStringsArray,
    readonly values: readonly unknown[],
  ) {}
}

// With Lit in dev mode (it keeps `litIssuedWarnings`), a piece made into text — dropped into an
// html`` template, where Lit would show "[object Object]", or into a string — throws instead.
if ('litIssuedWarnings' in globalThis) {
  Piece.prototype.toString = (Piece.prototype as { [Symbol.toPrimitive]?: () => never })[Symbol.toPrimitive] = () => {
    throw new Error('[cic] a markup piece must be joined with joined(...) or row(...), not dropped into html`` or a string');
  };
}

export const markup = (strings: TemplateStringsArray, ...values: unknown[]): Markup => new Piece(strings, values);

const isMarkup = (value: unknown): value is Markup => value instanceof Piece;

const isMarkupList = (value: unknown): value is readonly Markup[] => Array.isArray(value) && value.every(isMarkup);

/** The pieces a value brings into the template (itself, or the list it is), else undefined: it stays a binding. */
const inlined = (value: unknown): readonly Markup[] | undefined => (isMarkup(value) ? [value] : isMarkupList(value) ? value : undefined);

const pieceIds = new WeakMap<TemplateStringsArray, number>();
let nextPieceId = 0;
/** Joined strings per shape (the pieces' literals, in order and nesting). */
const joinedStrings = new LruCache<string, TemplateStringsArray>(200);

/**
 * The piece, with the pieces inside it, as one Lit template. Written as a template each, a
 * table row of five cells is six template instances, each cloned, walked and inserted on its
 * own, and the cells a list of parts with their markers; joined, it is one clone. The joined
 * strings are made only of the pieces' own template literals — code, never data — as Lit
 * requires of template strings (`lit/static-html.js` joins static markup the same way), and the
 * same shape gets the same strings, so Lit's cache of prepared templates keeps working. Another
 * shape (another branch taken inside a piece, another number of pieces in a list) is another
 * template: Lit then replaces the whole, not a part — so keep what changes while a user works
 * in it (a focused control that appears or goes) out of joined pieces.
 */
export function joined(piece: Markup): TemplateResult {
  const values: unknown[] = [];
  const key = shapeCollectingValues(piece, values);
  const strings = joinedStrings.get(key) ?? joinedStrings.set(key, joinStrings(piece));
  return html(strings, ...values);
}

/** A table row `<tr>` of the given cells (`markup\`<td>…</td>\``), as one template. */
export const row = (cells: readonly Markup[]) => joined(markup`<tr>${cells}</tr>`);

/** The piece's shape (its literal's id, nested pieces' in brackets); its values, nested pieces' inlined, go to `values`. */
function shapeCollectingValues(piece: Markup, values: unknown[]): string {
  let id = pieceIds.get(piece.strings);
  if (id === undefined) pieceIds.set(piece.strings, (id = nextPieceId++));
  let shape = String(id);
  for (const value of piece.values) {
    const nested = inlined(value);
    if (nested) shape += `[${nested.map((each) => shapeCollectingValues(each, values)).join(',')}]`;
    else values.push(value);
  }
  return shape;
}

function joinStrings(piece: Markup): TemplateStringsArray {
  const joinedList: string[] = [];
  let pending = '';
  const add = ({ strings, values }: Markup) => {
    pending += strings[0];
    values.forEach((value, index) => {
      const nested = inlined(value);
      if (nested) nested.forEach(add);
      else {
        joinedList.push(pending);
        pending = '';
      }
      pending += strings[index + 1];
    });
  };
  add(piece);
  joinedList.push(pending);
  return Object.assign(joinedList, { raw: [...joinedList] }) as unknown as TemplateStringsArray;
}
