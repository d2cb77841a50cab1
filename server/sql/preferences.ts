import type { PreferenceStore } from '../../src/data/contract/data-source.js';
import { ValidationError } from '../../src/data/contract/errors.js';
import { FIELD_LIMITS } from '../../src/data/contract/field-limits.js';
import type { SqlSession } from './session.js';

/** A preference key fits user_preferences.preferences_key with the `CIC:` prefix. */
function checkPreferenceKey(key: string): void {
  if (key.length > FIELD_LIMITS.preferenceKey) throw new ValidationError({ key: 'too-long' });
}

/** The agent's preferences in Znuny's `user_preferences`, each key prefixed `CIC:`. */
export function sqlPreferenceStore(session: SqlSession): PreferenceStore {
  return {
    get: async (key, callOptions) => {
      checkPreferenceKey(key);
      const ctx = await session.agentContext(callOptions);
      if (!ctx) return undefined;
      const { rows } = await session.reader.query<{ value: string }>(
        'SELECT preferences_value AS value FROM user_preferences WHERE user_id = $1 AND preferences_key = $2',
        [ctx.userId, `CIC:${key}`],
      );
      return rows.length ? JSON.parse(rows[0].value) : undefined;
    },
    set: async (key, value, callOptions) => {
      checkPreferenceKey(key);
      const ctx = await session.agentContext(callOptions);
      if (!ctx) return;
      // One transaction, serialized per agent and key (Znuny has no unique key on user_preferences to upsert on):
      // concurrent writes of a key leave exactly one row.
      const row = [ctx.userId, `CIC:${key}`];
      await session.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', row);
        await tx.query('DELETE FROM user_preferences WHERE user_id = $1 AND preferences_key = $2', row);
        await tx.query('INSERT INTO user_preferences (user_id, preferences_key, preferences_value) VALUES ($1, $2, $3)', [...row, JSON.stringify(value ?? null)]);
      });
    },
  };
}
