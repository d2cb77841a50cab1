/**
 * A translation table: English source string → translation. `{0}`, `{1}` … stand for the
 * values of a `str` template in source order, and may be moved in the translation.
 */
export type TranslationTable = Record<string, string>;
