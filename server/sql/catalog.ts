import { LOCKED_LOCKS } from '../../src/data/rules/rules.js';
import { createStateClassifier, type StateMapping } from '../../src/data/rules/state-mapping.js';
import { STATE_CATEGORIES, type StateCategory } from '../../src/data/contract/types.js';
import type { Db } from './db.js';
import { SUMMARY_TRIGRAM_INDEX_NAME, TRIGRAM_INDEX_NAMES, USER_LOGIN_INDEX_NAME } from './schema.js';

/** Znuny's state types as categories (configuration: a product with other types maps its own). */
export const ZNUNY_STATE_TYPE_MAPPING: StateMapping = {
  states: {
    new: 'new',
    open: 'open',
    'pending reminder': 'pending-reminder',
    'pending auto': 'pending-auto',
    closed: 'closed',
    merged: 'merged',
    removed: 'removed',
  },
  viewable: ['new', 'open', 'pending-reminder', 'pending-auto'],
  fallback: 'open',
};

/** What does not change while the server runs: states by category, lock ids. */
export interface Catalog {
  statesByCategory: Map<StateCategory, number[]>;
  viewable: Set<StateCategory>;
  lockedIds: number[];
  /** Whether `cic_ticket_counts` (the per-customer count summary) exists. */
  countSummary: boolean;
  /** Whether the server's own tables (`cic_customer_history`, `cic_customer_fields`) exist. */
  cicTables: boolean;
  /** Whether `cic_idempotency` exists: answers to repeated writes are then shared by every process. */
  idempotencyTable: boolean;
  /** Whether every trigram index of the searches is there and valid (`npm run server:indexes`). */
  trigramSearch: boolean;
  /** Whether the count summary's customer ids have their trigram index too. */
  summaryTrigram: boolean;
  /** Whether customer users can be read in login order from an index (`cic_customer_user_login`). */
  userLoginOrder: boolean;
}

export async function loadCatalog(db: Db, mapping: StateMapping = ZNUNY_STATE_TYPE_MAPPING): Promise<Catalog> {
  const classify = createStateClassifier(mapping);
  const { rows } = await db.query<{ id: number; type: string }>(
    'SELECT s.id, t.name AS type FROM ticket_state s JOIN ticket_state_type t ON t.id = s.type_id',
  );
  const statesByCategory = new Map<StateCategory, number[]>(STATE_CATEGORIES.map((c) => [c, []]));
  for (const row of rows) statesByCategory.get(classify.categoryOf(row.type))!.push(row.id);
  const locks = await db.query<{ id: number }>('SELECT id FROM ticket_lock_type WHERE name = ANY($1::text[])', [LOCKED_LOCKS]);
  const found = await db.query<{ summary: string | null; history: string | null; fields: string | null; idempotency: string | null }>(
    "SELECT to_regclass('cic_ticket_counts')::text AS summary, to_regclass('cic_customer_history')::text AS history, to_regclass('cic_customer_fields')::text AS fields, to_regclass('cic_idempotency')::text AS idempotency",
  );
  const { summary, history, fields, idempotency } = found.rows[0];
  return {
    statesByCategory, viewable: new Set(mapping.viewable), lockedIds: locks.rows.map((r) => r.id),
    countSummary: summary !== null, cicTables: history !== null && fields !== null, idempotencyTable: idempotency !== null,
    trigramSearch: await validIndexes(db, TRIGRAM_INDEX_NAMES), summaryTrigram: await validIndexes(db, [SUMMARY_TRIGRAM_INDEX_NAME]),
    userLoginOrder: await validIndexes(db, [USER_LOGIN_INDEX_NAME]),
  };
}

/** Whether every index of `names` is there, valid, in the current schema (a look at the catalog, at startup). */
async function validIndexes(db: Db, names: readonly string[]): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE c.relname = ANY($1::text[]) AND i.indisvalid AND c.relnamespace = to_regnamespace(current_schema())`,
    [names],
  );
  return rows[0].n === names.length;
}

/** Whether archived tickets are shown (`include`) or left out of every list, count, statistic and history (`exclude`). */
export type ArchivedTickets = 'include' | 'exclude';
