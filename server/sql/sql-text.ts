import type { CallOptions } from '../../src/data/contract/data-source.js';
import { abortError } from '../../src/data/contract/errors.js';

/** A search term as a lower-case LIKE pattern: `*` is a wildcard, `%`, `_` and `\` are literal. */
export function likePattern(term: string): string {
  const escaped = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*+/g, '%');
  return `%${escaped}%`;
}

/**
 * Whether a trigram index can narrow a search for `term`: pg_trgm takes trigrams from runs of
 * letters and digits between wildcards, so the term needs a run of three (ASCII, which every
 * locale counts as such). Shorter terms would read the whole index: they take the plain path.
 */
export const narrowsByTrigrams = (term: string) => /[a-z0-9]{3}/i.test(term);

/** The current time as Znuny stores it: UTC, without a zone. */
export const UTC_NOW = "(now() AT TIME ZONE 'UTC')";

/** Builds parameterized SQL: `sql.param(value)` answers `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Throws an AbortError when the call was aborted (checked between queries). */
export const checkAborted = (options?: CallOptions) => {
  if (options?.signal?.aborted) throw abortError();
};

/** A recursive CTE `name(id)` of the distinct `customer_id`s of the rows of `table` (as `x`) where `condition`, walking its index. */
export const distinctIds = (name: string, table: string, condition = 'true') => `${name}(id) AS (
  (SELECT x.customer_id FROM ${table} x WHERE x.customer_id IS NOT NULL AND ${condition} ORDER BY x.customer_id LIMIT 1)
  UNION ALL
  SELECT (SELECT x.customer_id FROM ${table} x WHERE x.customer_id > c.id AND ${condition} ORDER BY x.customer_id LIMIT 1)
  FROM ${name} c WHERE c.id IS NOT NULL)`;

export const userMatch = (alias: string, pattern: string) =>
  ['login', 'first_name', 'last_name', 'email', 'customer_id'].map((c) => `lower(${alias}.${c}) LIKE ${pattern}`).join(' OR ').replace(/^/, '(') + ')';
