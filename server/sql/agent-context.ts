import type { Agent } from '../../src/data/contract/types.js';
import type { Queryable } from './db.js';

/** The agent a request is made for: id, name, queues, and the queues it may read. */
export interface AgentContext {
  userId: number;
  agent: Agent;
  readableQueues: number[];
}

/**
 * The valid groups agent `u` may read, as Znuny grants them: `ro` or `rw` given directly
 * (`group_user`) or through a valid role (`role_user` → `group_role`, where a grant counts only
 * with `permission_value = 1`). Other keys (`move_into`, `create`, `note`, `owner`,
 * `priority`) do not let an agent read a queue's tickets.
 */
const READABLE_GROUPS = `SELECT g.id FROM permission_groups g WHERE g.valid_id = 1 AND g.id IN (
    SELECT gu.group_id FROM group_user gu WHERE gu.user_id = u.id AND gu.permission_key IN ('ro', 'rw')
    UNION SELECT gr.group_id FROM role_user ru JOIN roles r ON r.id = ru.role_id AND r.valid_id = 1
      JOIN group_role gr ON gr.role_id = ru.role_id AND gr.permission_key IN ('ro', 'rw') AND gr.permission_value = 1
    WHERE ru.user_id = u.id)`;

export async function readAgentContext(db: Queryable, login: string): Promise<AgentContext | undefined> {
  const { rows } = await db.query<{ id: number; login: string; name: string; queues: number[] | null; readable: number[] | null }>(
    `SELECT u.id, u.login, trim(u.first_name || ' ' || u.last_name) AS name,
       (SELECT array_agg(pq.queue_id ORDER BY pq.queue_id) FROM personal_queues pq WHERE pq.user_id = u.id) AS queues,
       (SELECT array_agg(q.id) FROM queue q WHERE q.group_id IN (${READABLE_GROUPS})) AS readable
     FROM users u WHERE u.login = $1 AND u.valid_id = 1`,
    [login],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    userId: row.id,
    agent: { id: row.login, name: row.name, queueIds: (row.queues ?? []).map(String) },
    readableQueues: row.readable ?? [],
  };
}

/**
 * Agents' contexts shared by the requests of a server for `ttlMs` (default 10 s): the eight
 * requests of an open ask for the same agent, and each would otherwise wait for one more
 * query first. A change of an agent's groups or queues takes effect within the TTL.
 */
export class AgentContextCache {
  private readonly entries = new Map<string, { context: Promise<AgentContext | undefined>; expires: number }>();
  constructor(private readonly ttlMs = 10_000, private readonly clock: () => number = Date.now) {}

  get(login: string, read: () => Promise<AgentContext | undefined>): Promise<AgentContext | undefined> {
    const now = this.clock();
    const entry = this.entries.get(login);
    if (entry && entry.expires > now) return entry.context;
    if (this.entries.size > 1000) this.entries.clear();
    const context = read();
    this.entries.set(login, { context, expires: now + this.ttlMs });
    // A failed read is not kept: the next request asks again.
    context.catch(() => {
      if (this.entries.get(login)?.context === context) this.entries.delete(login);
    });
    return context;
  }
}
