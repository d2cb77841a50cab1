// The data of `npm run bench:server`: 5,000 customers (one, BIGCORP, with a tenth of the
// tickets), 50,000 customer users, 50 agents, and the tickets, generated here and loaded with COPY.
import type { Db } from '../server/sql/db.js';
import { CIC_INDEXES, CIC_TABLES, ZNUNY_TABLES } from '../server/sql/schema.js';
import { installCountSummary } from '../server/sql/seed.js';

export const AGENTS = 50;
export const NOW = new Date('2026-06-01T00:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const customerOf = (g: number) => (g % 10 === 0 ? 'BIGCORP' : `C${1 + (g % 4999)}`);
const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function* customers() {
  for (let g = 1; g <= 4999; g++) yield [`C${g}`, `Customer ${g}`, 'Berlin', 1];
  yield ['BIGCORP', 'Big Corporation', 'Frankfurt', 1];
}

function* customerUsers() {
  for (let g = 1; g <= 50_000; g++) yield [`u${g}`, `u${g}@example.com`, customerOf(g), `First${g}`, `Last${g % 977}`, 1];
}

/** Every tenth ticket BIGCORP's; one in eight pending, one in nine with an escalation time, around NOW. */
function* ticketRows(count: number) {
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let g = 1; g <= count; g++) {
    const around = NOW_SECONDS - 86_400 + (g % 172_800);
    yield [g, String(2_020_000_000 + g), `Ticket title ${g}`, 1 + (g % 20), g % 3 === 0 ? 2 : 1, 1 + (g % AGENTS), 1, 1 + (g % 5), 1 + (g % 8),
      customerOf(g), g % 10 === 0 ? `u${10 * (1 + (g % 5000))}` : `u${1 + (g % 50_000)}`, g % 8 === 3 ? around : 0, g % 9 === 0 ? around : 0,
      sqlTime(start + g * 30_000), sqlTime(start + g * 40_000)];
  }
}

/** The bench data, loaded as a dump would be: tables, `COPY`, then the CIC indexes and the count summary. */
export async function loadData(db: Db, tickets: number): Promise<number> {
  const started = Date.now();
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await db.exec(ZNUNY_TABLES);
  await db.exec(CIC_TABLES);
  await db.exec(`
    INSERT INTO ticket_state_type (id, name) VALUES (1,'new'),(2,'open'),(3,'closed'),(4,'pending reminder'),(5,'pending auto'),(6,'removed'),(7,'merged');
    INSERT INTO ticket_state (id, name, type_id, valid_id) VALUES (1,'new',1,1),(2,'open',2,1),(3,'closed successful',3,1),
      (4,'pending reminder',4,1),(5,'pending auto close+',5,1),(6,'removed',6,1),(7,'merged',7,1),(8,'closed unsuccessful',3,1);
    INSERT INTO ticket_lock_type (id, name) VALUES (1,'unlock'),(2,'lock'),(3,'tmp_lock');
    INSERT INTO permission_groups (id, name, valid_id) VALUES (1, 'users', 1);
    INSERT INTO queue (id, name, group_id, valid_id) SELECT g, 'Queue ' || g, 1, 1 FROM generate_series(1, 20) g;
    INSERT INTO users (id, login, first_name, last_name, valid_id) SELECT g, 'agent-' || g, 'Agent', g::text, 1 FROM generate_series(1, ${AGENTS}) g;
    INSERT INTO group_user (user_id, group_id, permission_key) SELECT g, 1, 'rw' FROM generate_series(1, ${AGENTS}) g;
    INSERT INTO personal_queues (user_id, queue_id) SELECT g, 1 + g % 20 FROM generate_series(1, ${AGENTS}) g;`);
  await db.copyRows('customer_company', ['customer_id', 'name', 'city', 'valid_id'], customers());
  await db.copyRows('customer_user', ['login', 'email', 'customer_id', 'first_name', 'last_name', 'valid_id'], customerUsers());
  await db.copyRows('ticket', ['id', 'tn', 'title', 'queue_id', 'ticket_lock_id', 'user_id', 'responsible_user_id', 'ticket_priority_id',
    'ticket_state_id', 'customer_id', 'customer_user_id', 'until_time', 'escalation_time', 'create_time', 'change_time'], ticketRows(tickets));
  await db.exec(CIC_INDEXES);
  await installCountSummary(db);
  await db.exec('VACUUM ANALYZE');
  return Date.now() - started;
}

