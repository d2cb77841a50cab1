/**
 * The Znuny tables the Customer Information Center reads, with the columns it uses — names
 * and types as in Znuny's `scripts/database/schema.postgresql.sql` — so that the same SQL
 * runs on a live Znuny database. Created only for the embedded/demo database.
 */
export const ZNUNY_TABLES = `
CREATE TABLE IF NOT EXISTS valid (id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS users (
  id serial PRIMARY KEY, login VARCHAR(200) NOT NULL UNIQUE, first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL, valid_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS user_preferences (
  user_id INTEGER NOT NULL, preferences_key VARCHAR(150) NOT NULL, preferences_value TEXT NULL);
CREATE TABLE IF NOT EXISTS permission_groups (id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE, valid_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS group_user (user_id INTEGER NOT NULL, group_id INTEGER NOT NULL, permission_key VARCHAR(20) NOT NULL);
CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE, valid_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS role_user (user_id INTEGER NOT NULL, role_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS group_role (
  role_id INTEGER NOT NULL, group_id INTEGER NOT NULL, permission_key VARCHAR(20) NOT NULL, permission_value SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS queue (id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE, group_id INTEGER NOT NULL, valid_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS personal_queues (user_id INTEGER NOT NULL, queue_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ticket_state_type (id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS ticket_state (
  id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE, type_id SMALLINT NOT NULL, valid_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS ticket_lock_type (id serial PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS customer_company (
  customer_id VARCHAR(150) PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE, street VARCHAR(200) NULL,
  zip VARCHAR(200) NULL, city VARCHAR(200) NULL, country VARCHAR(200) NULL, url VARCHAR(200) NULL,
  comments VARCHAR(250) NULL, valid_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS customer_user (
  id serial PRIMARY KEY, login VARCHAR(200) NOT NULL UNIQUE, email VARCHAR(150) NOT NULL,
  customer_id VARCHAR(150) NOT NULL, title VARCHAR(50) NULL, first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL, phone VARCHAR(150) NULL, mobile VARCHAR(150) NULL, street VARCHAR(150) NULL,
  zip VARCHAR(200) NULL, city VARCHAR(200) NULL, country VARCHAR(200) NULL, comments VARCHAR(250) NULL,
  valid_id SMALLINT NOT NULL,
  -- Defaults here only, so that bulk loads may leave them out; the server writes them, as Znuny does.
  create_time timestamp(0) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), create_by INTEGER NOT NULL DEFAULT 1,
  change_time timestamp(0) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), change_by INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS customer_user_customer (user_id VARCHAR(200) NOT NULL, customer_id VARCHAR(150) NOT NULL);
CREATE TABLE IF NOT EXISTS ticket (
  id bigserial PRIMARY KEY, tn VARCHAR(50) NOT NULL UNIQUE, title VARCHAR(255) NULL, queue_id INTEGER NOT NULL,
  ticket_lock_id SMALLINT NOT NULL, user_id INTEGER NOT NULL, responsible_user_id INTEGER NOT NULL,
  ticket_priority_id SMALLINT NOT NULL, ticket_state_id SMALLINT NOT NULL, customer_id VARCHAR(150) NULL,
  customer_user_id VARCHAR(250) NULL, until_time INTEGER NOT NULL, escalation_time INTEGER NOT NULL,
  archive_flag SMALLINT DEFAULT 0 NOT NULL, create_time timestamp(0) NOT NULL, change_time timestamp(0) NOT NULL);
CREATE INDEX IF NOT EXISTS ticket_customer_id ON ticket (customer_id);
CREATE INDEX IF NOT EXISTS ticket_customer_user_id ON ticket (customer_user_id);
CREATE INDEX IF NOT EXISTS ticket_queue_id ON ticket (queue_id);
CREATE INDEX IF NOT EXISTS ticket_ticket_state_id ON ticket (ticket_state_id);
CREATE INDEX IF NOT EXISTS queue_group_id ON queue (group_id);
CREATE INDEX IF NOT EXISTS group_user_user_id ON group_user (user_id);
CREATE INDEX IF NOT EXISTS personal_queues_user_id ON personal_queues (user_id);
CREATE INDEX IF NOT EXISTS user_preferences_user_id ON user_preferences (user_id);
`;

/**
 * The indexes the CIC queries need, besides Znuny's own (ticket_customer_id,
 * ticket_customer_user_id, ticket_queue_id …). A live Znuny database needs these too:
 * docs/SERVER.md lists them. Every list is a range of one customer (or user) in one order.
 */
export const CIC_INDEXES = `
CREATE INDEX IF NOT EXISTS cic_ticket_customer_state_owner ON ticket (customer_id, ticket_state_id, user_id)
  INCLUDE (queue_id, ticket_lock_id, until_time, escalation_time);
CREATE INDEX IF NOT EXISTS cic_ticket_user_state_owner ON ticket (customer_user_id, ticket_state_id, user_id)
  INCLUDE (queue_id, ticket_lock_id, until_time, escalation_time);
CREATE INDEX IF NOT EXISTS cic_ticket_customer_created ON ticket (customer_id, create_time, id);
CREATE INDEX IF NOT EXISTS cic_ticket_customer_state_created ON ticket (customer_id, ticket_state_id, create_time, id);
CREATE INDEX IF NOT EXISTS cic_ticket_customer_pending_due ON ticket (customer_id, (NULLIF(until_time, 0)::bigint), id)
  INCLUDE (until_time, ticket_state_id, queue_id, user_id, ticket_lock_id) WHERE until_time > 0;
CREATE INDEX IF NOT EXISTS cic_ticket_customer_escalation_due ON ticket (customer_id, (NULLIF(escalation_time, 0)::bigint), id)
  INCLUDE (escalation_time, ticket_state_id, queue_id, user_id, ticket_lock_id) WHERE escalation_time > 0;
CREATE INDEX IF NOT EXISTS cic_customer_user_customer_name ON customer_user
  (customer_id, (lower(last_name) COLLATE "C"), (lower(first_name) COLLATE "C"), (login COLLATE "C"));
CREATE INDEX IF NOT EXISTS cic_ticket_customer_changed ON ticket (customer_id, change_time, id);
CREATE INDEX IF NOT EXISTS cic_customer_user_customer_user ON customer_user_customer (user_id);
CREATE INDEX IF NOT EXISTS cic_customer_user_login ON customer_user ((login COLLATE "C"));
CREATE INDEX IF NOT EXISTS cic_user_preferences ON user_preferences (user_id, preferences_key);
CREATE INDEX IF NOT EXISTS cic_group_user ON group_user (user_id);
`;

/**
 * Trigram indexes (extension `pg_trgm`) on exactly what the customer and customer-user searches
 * match — `lower(column) LIKE '%term%'` — so that a search reads the matching rows instead of
 * walking every customer id. Optional: without them the searches take the plain path.
 */
export const TRIGRAM_EXTENSION = 'CREATE EXTENSION IF NOT EXISTS pg_trgm';
export const CIC_TRIGRAM_INDEXES = `
CREATE INDEX IF NOT EXISTS cic_customer_company_id_trgm ON customer_company USING gin (lower(customer_id) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cic_customer_company_name_trgm ON customer_company USING gin (lower(name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cic_customer_user_login_trgm ON customer_user USING gin (lower(login) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cic_customer_user_first_name_trgm ON customer_user USING gin (lower(first_name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cic_customer_user_last_name_trgm ON customer_user USING gin (lower(last_name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cic_customer_user_email_trgm ON customer_user USING gin (lower(email) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cic_customer_user_customer_id_trgm ON customer_user USING gin (lower(customer_id) gin_trgm_ops);
`;

/**
 * Customer ids known only from tickets, by trigram: on the count summary (a few rows per
 * customer), not on `ticket`, where a term matching a big customer would read each of its tickets.
 */
export const SUMMARY_TRIGRAM_INDEX = `
CREATE INDEX IF NOT EXISTS cic_ticket_counts_customer_id_trgm ON cic_ticket_counts USING gin (lower(customer_id) gin_trgm_ops);
`;

const indexNames = (script: string) => [...script.matchAll(/IF NOT EXISTS (\w+)/g)].map((m) => m[1]);
/** The searches take the trigram path when every one of these is there and valid. */
export const TRIGRAM_INDEX_NAMES = indexNames(CIC_TRIGRAM_INDEXES);
export const SUMMARY_TRIGRAM_INDEX_NAME = indexNames(SUMMARY_TRIGRAM_INDEX)[0];
/** Customer users in login order: a search for a term that many match reads the first few only. */
export const USER_LOGIN_INDEX_NAME = 'cic_customer_user_login';

/**
 * The reference server's own tables (Znuny has no place for them): customer notes and
 * activities, customers' custom fields with a version for conflict detection, and the first
 * answers to writes with an `Idempotency-Key` (shared by every process of the server). Without
 * them (a live database served read-only) the history, notes and custom-field calls are not
 * offered.
 */
export const CIC_TABLES = `
CREATE TABLE IF NOT EXISTS cic_customer_history (
  id bigserial PRIMARY KEY, customer_id VARCHAR(150) NOT NULL, create_time timestamp(0) NOT NULL,
  kind VARCHAR(20) NOT NULL, text TEXT NOT NULL, author VARCHAR(200) NULL);
CREATE INDEX IF NOT EXISTS cic_customer_history_customer ON cic_customer_history (customer_id, create_time, id);
CREATE TABLE IF NOT EXISTS cic_customer_fields (
  customer_id VARCHAR(150) PRIMARY KEY, fields TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cic_idempotency (
  id VARCHAR(64) PRIMARY KEY, claimed_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
  status SMALLINT NULL, headers TEXT NULL, body BYTEA NULL);
CREATE INDEX IF NOT EXISTS cic_idempotency_expires ON cic_idempotency (expires_at);
`;

/**
 * Ticket counts per customer, state and queue, kept right by a trigger on every write to
 * `ticket`: the company status reads a few rows instead of counting a big customer's tickets.
 * `installCountSummary()` creates it (and fills it once) — optional on a live database.
 */
export const COUNT_SUMMARY = `
CREATE TABLE IF NOT EXISTS cic_ticket_counts (
  customer_id VARCHAR(150) NOT NULL, ticket_state_id SMALLINT NOT NULL, queue_id INTEGER NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (customer_id, ticket_state_id, queue_id));
CREATE OR REPLACE FUNCTION cic_ticket_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE cic_ticket_counts SET n = n - 1
    WHERE customer_id = COALESCE(OLD.customer_id, '') AND ticket_state_id = OLD.ticket_state_id AND queue_id = OLD.queue_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO cic_ticket_counts VALUES (COALESCE(NEW.customer_id, ''), NEW.ticket_state_id, NEW.queue_id, 1)
    ON CONFLICT (customer_id, ticket_state_id, queue_id) DO UPDATE SET n = cic_ticket_counts.n + 1;
  END IF;
  RETURN NULL;
END $$;
TRUNCATE cic_ticket_counts;
INSERT INTO cic_ticket_counts SELECT COALESCE(customer_id, ''), ticket_state_id, queue_id, count(*) FROM ticket GROUP BY 1, 2, 3;
CREATE OR REPLACE TRIGGER cic_ticket_counts AFTER INSERT OR DELETE OR UPDATE OF customer_id, ticket_state_id, queue_id ON ticket
  FOR EACH ROW EXECUTE FUNCTION cic_ticket_counts_change();
`;

/** Znuny's state types, which the state mapping turns into categories. */
export const STATE_TYPES = ['new', 'open', 'closed', 'pending reminder', 'pending auto', 'removed', 'merged'] as const;
