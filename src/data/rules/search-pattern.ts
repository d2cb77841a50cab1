/**
 * Search term semantics: case-insensitive substring; `*` stands for any run
 * of characters; `*` or `**` alone matches everything; every other character is literal.
 */

/** Inclusive start, exclusive end, in the original text. */
export type MatchRange = [start: number, end: number];

export interface SearchPattern {
  /** Matches every text (the term was `*` or `**`). */
  readonly all: boolean;
  test(text: unknown): boolean;
  /** The same for text already in lower case (precomputed by a source: no copy per test). */
  testLowerCase(lowerCaseText: string): boolean;
  /** The term in lower case when it has no wildcard inside (a plain substring search). */
  readonly literal?: string;
  /** Where the literal parts of the term occur in `text`; empty when it does not match. */
  ranges(text: unknown): MatchRange[];
}

export { MIN_SEARCH_LENGTH } from './rules.js';

export function compileSearchPattern(term: string): SearchPattern {
  const parts = term
    .toLowerCase()
    .split('*')
    .filter((part) => part.length > 0);
  const all = parts.length === 0;
  const ranges = (text: unknown): MatchRange[] => {
    if (typeof text !== 'string') return [];
    const { haystack, startOf, endOf } = lowered(text);
    const found: MatchRange[] = [];
    let from = 0;
    for (const part of parts) {
      const at = haystack.indexOf(part, from);
      if (at < 0) return [];
      found.push([startOf(at), endOf(at + part.length - 1)]);
      from = at + part.length;
    }
    return found;
  };
  const matches = (haystack: string) => {
    let from = 0;
    for (const part of parts) {
      const at = haystack.indexOf(part, from);
      if (at < 0) return false;
      from = at + part.length;
    }
    return true;
  };
  return {
    all,
    literal: parts.length === 1 ? parts[0] : undefined,
    test: (text) => all || (typeof text === 'string' && matches(text.toLowerCase())),
    testLowerCase: (text) => all || matches(text),
    ranges: (text) => (all ? [] : ranges(text)),
  };
}

/**
 * `text` in lower case, with where each of its code units comes from in `text`: lower-casing
 * may lengthen a character ("İ" becomes two), which would shift every match after it.
 */
function lowered(text: string): { haystack: string; startOf: (unit: number) => number; endOf: (unit: number) => number } {
  const whole = text.toLowerCase();
  if (whole.length === text.length) return { haystack: whole, startOf: (unit) => unit, endOf: (unit) => unit + 1 };
  const chars = [...text].map((char) => char.toLowerCase());
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  [...text].forEach((char, index) => {
    for (let unit = 0; unit < chars[index].length; unit++) {
      starts.push(at);
      ends.push(at + char.length);
    }
    at += char.length;
  });
  return { haystack: chars.join(''), startOf: (unit) => starts[unit], endOf: (unit) => ends[unit] };
}

/** Splits `text` into pieces flagged as matched or not, for emphasis rendered as text. */
export function splitByMatches(value: unknown, term: string): { text: string; match: boolean }[] {
  const text = typeof value === 'string' ? value : String(value ?? '');
  const pieces: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of compileSearchPattern(term).ranges(text)) {
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
