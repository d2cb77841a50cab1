import type { HelpdeskData } from '../../src/data/contract/types.js';
import type { Db } from '../sql/db.js';
import { createSchema, seed } from '../sql/seed.js';
import { CIC_TABLES } from '../sql/schema.js';

/**
 * Znuny 7's PostgreSQL tables that the server reads, written down here from Znuny's schema
 * (`scripts/database/schema.postgresql.sql`) with every column, NOT NULL, unique key and
 * foreign key — not only the columns the server uses — and the rows Znuny's installer puts in
 * them (valid ids, the admin user, groups, states and their types, locks, priorities, the
 * four initial queues). A write that forgets a column Znuny requires fails here as on a live
 * system.
 */
export const ZNUNY_SCHEMA = `
CREATE TABLE valid (
  id serial NOT NULL, name VARCHAR(200) NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT valid_name UNIQUE (name));
CREATE TABLE users (
  id serial NOT NULL, login VARCHAR(200) NOT NULL, pw VARCHAR(128) NOT NULL, title VARCHAR(50) NULL,
  first_name VARCHAR(100) NOT NULL, last_name VARCHAR(100) NOT NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT users_login UNIQUE (login));
CREATE TABLE user_preferences (user_id INTEGER NOT NULL, preferences_key VARCHAR(150) NOT NULL, preferences_value TEXT NULL);
CREATE INDEX user_preferences_user_id ON user_preferences (user_id);
CREATE TABLE permission_groups (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT groups_name UNIQUE (name));
CREATE TABLE group_user (
  user_id INTEGER NOT NULL, group_id INTEGER NOT NULL, permission_key VARCHAR(20) NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE INDEX group_user_group_id ON group_user (group_id);
CREATE INDEX group_user_user_id ON group_user (user_id);
CREATE TABLE roles (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT roles_name UNIQUE (name));
CREATE TABLE role_user (
  user_id INTEGER NOT NULL, role_id INTEGER NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE INDEX role_user_role_id ON role_user (role_id);
CREATE INDEX role_user_user_id ON role_user (user_id);
CREATE TABLE group_role (
  role_id INTEGER NOT NULL, group_id INTEGER NOT NULL, permission_key VARCHAR(20) NOT NULL, permission_value SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE INDEX group_role_group_id ON group_role (group_id);
CREATE INDEX group_role_role_id ON group_role (role_id);
CREATE TABLE personal_queues (user_id INTEGER NOT NULL, queue_id INTEGER NOT NULL);
CREATE INDEX personal_queues_queue_id ON personal_queues (queue_id);
CREATE INDEX personal_queues_user_id ON personal_queues (user_id);
CREATE TABLE queue (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, group_id INTEGER NOT NULL, unlock_timeout INTEGER NULL,
  first_response_time INTEGER NULL, first_response_notify SMALLINT NULL, update_time INTEGER NULL, update_notify SMALLINT NULL,
  solution_time INTEGER NULL, solution_notify SMALLINT NULL, system_address_id SMALLINT NOT NULL, calendar_name VARCHAR(100) NULL,
  default_sign_key VARCHAR(100) NULL, salutation_id SMALLINT NOT NULL, signature_id SMALLINT NOT NULL, follow_up_id SMALLINT NOT NULL,
  follow_up_lock SMALLINT NOT NULL, comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT queue_name UNIQUE (name));
CREATE INDEX queue_group_id ON queue (group_id);
CREATE TABLE ticket_priority (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, valid_id SMALLINT NOT NULL, color VARCHAR(25) NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT ticket_priority_name UNIQUE (name));
CREATE TABLE ticket_lock_type (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT ticket_lock_type_name UNIQUE (name));
CREATE TABLE ticket_state (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, comments VARCHAR(250) NULL, type_id SMALLINT NOT NULL, valid_id SMALLINT NOT NULL,
  color VARCHAR(25) NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT ticket_state_name UNIQUE (name));
CREATE TABLE ticket_state_type (
  id serial NOT NULL, name VARCHAR(200) NOT NULL, comments VARCHAR(250) NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT ticket_state_type_name UNIQUE (name));
CREATE TABLE ticket (
  id bigserial NOT NULL, tn VARCHAR(50) NOT NULL, title VARCHAR(255) NULL, queue_id INTEGER NOT NULL, ticket_lock_id SMALLINT NOT NULL,
  type_id SMALLINT NULL, service_id INTEGER NULL, sla_id INTEGER NULL, user_id INTEGER NOT NULL, responsible_user_id INTEGER NOT NULL,
  ticket_priority_id SMALLINT NOT NULL, ticket_state_id SMALLINT NOT NULL, customer_id VARCHAR(150) NULL, customer_user_id VARCHAR(250) NULL,
  timeout INTEGER NOT NULL, until_time INTEGER NOT NULL, escalation_time INTEGER NOT NULL, escalation_update_time INTEGER NOT NULL,
  escalation_response_time INTEGER NOT NULL, escalation_solution_time INTEGER NOT NULL, archive_flag SMALLINT DEFAULT 0 NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT ticket_tn UNIQUE (tn));
CREATE INDEX ticket_archive_flag ON ticket (archive_flag);
CREATE INDEX ticket_create_time ON ticket (create_time);
CREATE INDEX ticket_customer_id ON ticket (customer_id);
CREATE INDEX ticket_customer_user_id ON ticket (customer_user_id);
CREATE INDEX ticket_escalation_time ON ticket (escalation_time);
CREATE INDEX ticket_queue_id ON ticket (queue_id);
CREATE INDEX ticket_queue_view ON ticket (ticket_state_id, ticket_lock_id);
CREATE INDEX ticket_responsible_user_id ON ticket (responsible_user_id);
CREATE INDEX ticket_ticket_lock_id ON ticket (ticket_lock_id);
CREATE INDEX ticket_ticket_priority_id ON ticket (ticket_priority_id);
CREATE INDEX ticket_ticket_state_id ON ticket (ticket_state_id);
CREATE INDEX ticket_until_time ON ticket (until_time);
CREATE INDEX ticket_user_id ON ticket (user_id);
CREATE TABLE customer_company (
  customer_id VARCHAR(150) NOT NULL, name VARCHAR(200) NOT NULL, street VARCHAR(200) NULL, zip VARCHAR(200) NULL, city VARCHAR(200) NULL,
  country VARCHAR(200) NULL, url VARCHAR(200) NULL, comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (customer_id), CONSTRAINT customer_company_name UNIQUE (name));
CREATE TABLE customer_user (
  id serial NOT NULL, login VARCHAR(200) NOT NULL, email VARCHAR(150) NOT NULL, customer_id VARCHAR(150) NOT NULL, pw VARCHAR(128) NULL,
  title VARCHAR(50) NULL, first_name VARCHAR(100) NOT NULL, last_name VARCHAR(100) NOT NULL, phone VARCHAR(150) NULL, fax VARCHAR(150) NULL,
  mobile VARCHAR(150) NULL, street VARCHAR(150) NULL, zip VARCHAR(200) NULL, city VARCHAR(200) NULL, country VARCHAR(200) NULL,
  comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL,
  PRIMARY KEY (id), CONSTRAINT customer_user_login UNIQUE (login));
CREATE TABLE customer_user_customer (
  user_id VARCHAR(100) NOT NULL, customer_id VARCHAR(150) NOT NULL,
  create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE INDEX customer_user_customer_customer_id ON customer_user_customer (customer_id);
CREATE INDEX customer_user_customer_user_id ON customer_user_customer (user_id);

INSERT INTO valid (name, create_by, create_time, change_by, change_time) VALUES
  ('valid', 1, current_timestamp, 1, current_timestamp), ('invalid', 1, current_timestamp, 1, current_timestamp),
  ('invalid-temporarily', 1, current_timestamp, 1, current_timestamp);
INSERT INTO users (login, pw, first_name, last_name, valid_id, create_by, create_time, change_by, change_time)
  VALUES ('root@localhost', 'hashed', 'Admin', 'OTRS', 1, 1, current_timestamp, 1, current_timestamp);
INSERT INTO permission_groups (name, comments, valid_id, create_by, create_time, change_by, change_time) VALUES
  ('users', 'Group for default access.', 1, 1, current_timestamp, 1, current_timestamp),
  ('admin', 'Group of all administrators.', 1, 1, current_timestamp, 1, current_timestamp),
  ('stats', 'Group for statistics access.', 1, 1, current_timestamp, 1, current_timestamp);
INSERT INTO group_user (user_id, permission_key, group_id, create_by, create_time, change_by, change_time)
  SELECT 1, 'rw', g, 1, current_timestamp, 1, current_timestamp FROM generate_series(1, 3) g;
INSERT INTO ticket_state_type (name, comments, create_by, create_time, change_by, change_time)
  SELECT name, 'State type for ' || name || '.', 1, current_timestamp, 1, current_timestamp
  FROM unnest(ARRAY['new', 'open', 'closed', 'pending reminder', 'pending auto', 'removed', 'merged']) WITH ORDINALITY AS t(name, n) ORDER BY n;
INSERT INTO ticket_state (name, comments, type_id, valid_id, color, create_by, create_time, change_by, change_time)
  SELECT name, 'Ticket state ' || name || '.', type_id, 1, '#50B5FF', 1, current_timestamp, 1, current_timestamp
  FROM (VALUES (1, 'new', 1), (2, 'closed successful', 3), (3, 'closed unsuccessful', 3), (4, 'open', 2), (5, 'removed', 6),
    (6, 'pending reminder', 4), (7, 'pending auto close+', 5), (8, 'pending auto close-', 5), (9, 'merged', 7)) AS s(n, name, type_id) ORDER BY n;
INSERT INTO ticket_lock_type (name, valid_id, create_by, create_time, change_by, change_time) VALUES
  ('unlock', 1, 1, current_timestamp, 1, current_timestamp), ('lock', 1, 1, current_timestamp, 1, current_timestamp),
  ('tmp_lock', 1, 1, current_timestamp, 1, current_timestamp);
INSERT INTO ticket_priority (name, valid_id, color, create_by, create_time, change_by, change_time)
  SELECT name, 1, '#cdcdcd', 1, current_timestamp, 1, current_timestamp
  FROM unnest(ARRAY['1 very low', '2 low', '3 normal', '4 high', '5 very high']) WITH ORDINALITY AS p(name, n) ORDER BY n;
INSERT INTO queue (name, group_id, system_address_id, salutation_id, signature_id, follow_up_id, follow_up_lock, unlock_timeout, comments,
    valid_id, create_by, create_time, change_by, change_time)
  SELECT name, 1, 1, 1, 1, 1, 0, 0, 'The ' || name || ' queue.', 1, 1, current_timestamp, 1, current_timestamp
  FROM unnest(ARRAY['Postmaster', 'Raw', 'Junk', 'Misc']) WITH ORDINALITY AS q(name, n) ORDER BY n;

ALTER TABLE users ADD FOREIGN KEY (valid_id) REFERENCES valid (id);
ALTER TABLE permission_groups ADD FOREIGN KEY (valid_id) REFERENCES valid (id);
ALTER TABLE group_user ADD FOREIGN KEY (user_id) REFERENCES users (id), ADD FOREIGN KEY (group_id) REFERENCES permission_groups (id),
  ADD FOREIGN KEY (create_by) REFERENCES users (id), ADD FOREIGN KEY (change_by) REFERENCES users (id);
ALTER TABLE roles ADD FOREIGN KEY (valid_id) REFERENCES valid (id);
ALTER TABLE role_user ADD FOREIGN KEY (create_by) REFERENCES users (id), ADD FOREIGN KEY (change_by) REFERENCES users (id);
ALTER TABLE group_role ADD FOREIGN KEY (role_id) REFERENCES roles (id), ADD FOREIGN KEY (group_id) REFERENCES permission_groups (id);
ALTER TABLE queue ADD FOREIGN KEY (group_id) REFERENCES permission_groups (id), ADD FOREIGN KEY (valid_id) REFERENCES valid (id);
ALTER TABLE ticket_state ADD FOREIGN KEY (type_id) REFERENCES ticket_state_type (id);
ALTER TABLE ticket ADD FOREIGN KEY (queue_id) REFERENCES queue (id), ADD FOREIGN KEY (ticket_lock_id) REFERENCES ticket_lock_type (id),
  ADD FOREIGN KEY (user_id) REFERENCES users (id), ADD FOREIGN KEY (responsible_user_id) REFERENCES users (id),
  ADD FOREIGN KEY (ticket_priority_id) REFERENCES ticket_priority (id), ADD FOREIGN KEY (ticket_state_id) REFERENCES ticket_state (id),
  ADD FOREIGN KEY (create_by) REFERENCES users (id), ADD FOREIGN KEY (change_by) REFERENCES users (id);
ALTER TABLE customer_company ADD FOREIGN KEY (valid_id) REFERENCES valid (id),
  ADD FOREIGN KEY (create_by) REFERENCES users (id), ADD FOREIGN KEY (change_by) REFERENCES users (id);
ALTER TABLE customer_user ADD FOREIGN KEY (valid_id) REFERENCES valid (id),
  ADD FOREIGN KEY (create_by) REFERENCES users (id), ADD FOREIGN KEY (change_by) REFERENCES users (id);
ALTER TABLE customer_user_customer ADD FOREIGN KEY (create_by) REFERENCES users (id), ADD FOREIGN KEY (change_by) REFERENCES users (id);
`;

/** Who and when, as Znuny's code writes them: the admin (user 1) at the load time. */
const AUDIT = `create_time, create_by, change_time, change_by`;
const AUDIT_VALUES = `now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', 1`;

/**
 * Znuny's tables (above) filled with `data` the way Znuny's own code stores it: every NOT
 * NULL column written, states, locks, priorities, groups and the admin taken from Znuny's
 * initial rows by name, new queues in the `users` group, every agent `rw` on it. The data
 * goes through the demo seed into a scratch schema first (one mapping of the data set to
 * rows), and is copied from there. `cicTables`: also the server's own tables, filled.
 * Nothing else of the server's (no indexes, no count summary) is created.
 */
export async function loadZnuny(db: Db, data: HelpdeskData, { cicTables = false } = {}): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS cic_scratch CASCADE;
    CREATE SCHEMA public; CREATE SCHEMA cic_scratch; SET search_path TO cic_scratch;`);
  await createSchema(db);
  await seed(db, data);
  await db.exec(`SET search_path TO public; ${ZNUNY_SCHEMA}${cicTables ? CIC_TABLES : ''}`);
  await db.exec(`
    INSERT INTO users (login, pw, first_name, last_name, valid_id, ${AUDIT})
      SELECT s.login, 'hashed', s.first_name, s.last_name, s.valid_id, ${AUDIT_VALUES} FROM cic_scratch.users s
      WHERE s.login NOT IN (SELECT login FROM users) ORDER BY s.id;
    INSERT INTO group_user (user_id, group_id, permission_key, ${AUDIT})
      SELECT u.id, 1, 'rw', ${AUDIT_VALUES} FROM users u WHERE u.id <> 1;
    INSERT INTO queue (name, group_id, system_address_id, salutation_id, signature_id, follow_up_id, follow_up_lock, valid_id, ${AUDIT})
      SELECT s.name, 1, 1, 1, 1, 1, 0, s.valid_id, ${AUDIT_VALUES} FROM cic_scratch.queue s ORDER BY s.id;
    INSERT INTO personal_queues (user_id, queue_id)
      SELECT u.id, q.id FROM cic_scratch.personal_queues p JOIN cic_scratch.users su ON su.id = p.user_id JOIN users u ON u.login = su.login
      JOIN cic_scratch.queue sq ON sq.id = p.queue_id JOIN queue q ON q.name = sq.name;
    INSERT INTO ticket_state (name, type_id, valid_id, color, ${AUDIT})
      SELECT s.name, t.id, 1, '#50B5FF', ${AUDIT_VALUES} FROM cic_scratch.ticket_state s
      JOIN cic_scratch.ticket_state_type st ON st.id = s.type_id JOIN ticket_state_type t ON t.name = st.name
      WHERE s.name NOT IN (SELECT name FROM ticket_state);
    INSERT INTO customer_company (customer_id, name, street, zip, city, country, url, comments, valid_id, ${AUDIT})
      SELECT customer_id, name, street, zip, city, country, url, comments, valid_id, ${AUDIT_VALUES} FROM cic_scratch.customer_company;
    INSERT INTO customer_user (login, email, customer_id, pw, title, first_name, last_name, phone, fax, mobile, street, zip, city, country,
        comments, valid_id, ${AUDIT})
      SELECT login, email, customer_id, NULL, title, first_name, last_name, phone, NULL, mobile, street, zip, city, country, comments, valid_id,
        ${AUDIT_VALUES} FROM cic_scratch.customer_user ORDER BY id;
    INSERT INTO customer_user_customer (user_id, customer_id, ${AUDIT})
      SELECT user_id, customer_id, ${AUDIT_VALUES} FROM cic_scratch.customer_user_customer;
    INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, user_id, responsible_user_id, ticket_priority_id, ticket_state_id,
        customer_id, customer_user_id, timeout, until_time, escalation_time, escalation_update_time, escalation_response_time,
        escalation_solution_time, archive_flag, create_time, create_by, change_time, change_by)
      SELECT t.id, t.tn, t.title, q.id, l.id, 1, u.id, r.id, t.ticket_priority_id, s.id, t.customer_id, t.customer_user_id,
        0, t.until_time, t.escalation_time, 0, 0, 0, 0, t.create_time, 1, t.change_time, 1
      FROM cic_scratch.ticket t
      JOIN cic_scratch.queue sq ON sq.id = t.queue_id JOIN queue q ON q.name = sq.name
      JOIN cic_scratch.ticket_lock_type sl ON sl.id = t.ticket_lock_id JOIN ticket_lock_type l ON l.name = sl.name
      JOIN cic_scratch.users su ON su.id = t.user_id JOIN users u ON u.login = su.login
      JOIN cic_scratch.users sr ON sr.id = t.responsible_user_id JOIN users r ON r.login = sr.login
      JOIN cic_scratch.ticket_state ss ON ss.id = t.ticket_state_id JOIN ticket_state s ON s.name = ss.name;
    SELECT setval(pg_get_serial_sequence('ticket', 'id'), (SELECT max(id) FROM ticket));
    ${cicTables ? `INSERT INTO cic_customer_history SELECT * FROM cic_scratch.cic_customer_history;
    INSERT INTO cic_customer_fields SELECT * FROM cic_scratch.cic_customer_fields;
    SELECT setval(pg_get_serial_sequence('cic_customer_history', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM cic_customer_history), false);` : ''}
    DROP SCHEMA cic_scratch CASCADE;`);
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM ticket');
  if (Number(rows[0].n) !== data.tickets.length) throw new Error(`${rows[0].n} of ${data.tickets.length} tickets were copied into the Znuny tables`);
}
