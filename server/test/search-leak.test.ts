import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DATABASES, testServer, TOKENS, type TestServer } from './fixture.js';

// SECRETCO is known only from a ticket in a queue of a group nobody has; SECRETSUPPORT only from one in Support.
const HIDDEN_TICKETS = `
        INSERT INTO users (login, first_name, last_name, valid_id) VALUES ('agent-none', 'No', 'Groups', 1);
        INSERT INTO permission_groups (id, name, valid_id) VALUES (3, 'vault', 1);
        INSERT INTO queue (name, group_id, valid_id) VALUES ('Vault', 3, 1);
        INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, user_id, responsible_user_id, ticket_priority_id, ticket_state_id,
            customer_id, customer_user_id, until_time, escalation_time, create_time, change_time)
          SELECT v.tn, 'Hidden', q.id, 1, 1, 1, 3, s.id, v.customer, NULL, 0, 0, now(), now()
          FROM (VALUES ('LEAK-1', 'SECRETCO', 'Vault'), ('LEAK-2', 'SECRETSUPPORT', 'Support')) v(tn, customer, queue)
          JOIN queue q ON q.name = v.queue, ticket_state s WHERE s.name = 'new';`;

const VARIANTS = DATABASES.flatMap((database) => [
  { name: `${database.name}, from the count summary`, database, setupSql: HIDDEN_TICKETS },
  { name: `${database.name}, from tickets (no count summary)`, database, setupSql: `${HIDDEN_TICKETS}; DROP TABLE cic_ticket_counts CASCADE;` },
]);

for (const { name, database, setupSql } of VARIANTS) {
  describe(`customer search shows ticket-only customers only through readable tickets (${name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await testServer(database.open, { tokens: { ...TOKENS, 'token-none': 'agent-none' } }, setupSql);
    });
    after(() => server.db.close());

    const found = async (token: string) => {
      const response = await server.call('/search/customers?term=SECRET*', { token });
      assert.equal(response.status, 200);
      return (await response.json()).items.map((c: { id: string }) => c.id);
    };

    it('an agent with no groups finds neither', async () => assert.deepEqual(await found('token-none'), []));
    it('an agent of Support finds the Support one only', async () => assert.deepEqual(await found('token-limited'), ['SECRETSUPPORT']));
    it('an agent of every group but the vault finds the Support one only', async () => assert.deepEqual(await found('token-me'), ['SECRETSUPPORT']));
    it('customers with a record or with customer users stay visible to every agent', async () => {
      const response = await server.call('/search/customers?term=**&limit=100', { token: 'token-none' });
      const ids: string[] = (await response.json()).items.map((c: { id: string }) => c.id);
      const { rows } = await server.db.query<{ id: string }>(
        'SELECT customer_id AS id FROM customer_company UNION SELECT customer_id FROM customer_user ORDER BY 1 LIMIT 100',
      );
      assert.deepEqual(ids.sort(), rows.map((r) => r.id).sort());
    });
  });
}
