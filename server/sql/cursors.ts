import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../src/data/contract/errors.js';

/**
 * Where a page continues: the sort key and id of the row it continues from, the direction,
 * and the list's total as counted for its first page (so that no further page counts again).
 */
export interface Cursor {
  key: string | number | null;
  id: string;
  before: boolean;
  total?: number;
}

/**
 * What a cursor belongs to: the kind of list, the agent, and every parameter that chooses the
 * list's rows and order (scope, view, filter, sort …). A cursor is valid only for the list it
 * was made for, so that its total — counted for that agent and scope — can be trusted.
 */
export type CursorBinding = readonly (string | number | boolean | undefined)[];

const invalidCursor = () => new ValidationError({ cursor: 'Invalid cursor' }, 'Invalid page cursor');

/** The largest value of a PostgreSQL `bigint`. */
const MAX_BIGINT = 2n ** 63n - 1n;
const BIGINT = /^-?\d{1,19}$/;
/** A `timestamp(0)` as PostgreSQL writes it as text. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const isBigint = (value: string) => BIGINT.test(value) && BigInt(value) <= MAX_BIGINT && BigInt(value) >= -MAX_BIGINT - 1n;
const isTimestamp = (value: string) => TIMESTAMP.test(value) && !Number.isNaN(Date.parse(`${value.replace(' ', 'T')}Z`));

/**
 * Opaque, tamper-proof page cursors: the position (base64url JSON) and an HMAC-SHA256 of it
 * and of the list it belongs to, with the server's secret. A cursor that was changed, made up,
 * or used for another list, agent or scope is refused (422 "Invalid cursor").
 */
export class CursorCodec {
  private readonly secret: Buffer;

  /** `secret`: the server's (e.g. `CIC_CURSOR_SECRET`); random when not given (cursors then last until the process ends). */
  constructor(secret?: string | Buffer) {
    this.secret = secret === undefined || secret.length === 0 ? randomBytes(32) : Buffer.from(secret);
  }

  encode(cursor: Cursor, binding: CursorBinding): string {
    const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    return `${payload}.${this.mac(payload, binding)}`;
  }

  /** The position of a cursor made by `encode` for the same binding; throws 422 for any other. */
  decode(value: string | undefined, binding: CursorBinding): Cursor | undefined {
    if (!value) return undefined;
    const [payload, mac, ...rest] = value.split('.');
    const expected = Buffer.from(this.mac(payload, binding));
    const given = Buffer.from(mac ?? '');
    if (rest.length || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
    let cursor: Cursor;
    try {
      cursor = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Cursor;
    } catch {
      throw invalidCursor();
    }
    // Signed by this server, so well formed; checked anyway, so that a leaked secret cannot turn into a database error.
    const { key, id, before, total } = cursor ?? {};
    const keyShaped = key === null || typeof key === 'string' || (typeof key === 'number' && Number.isSafeInteger(key));
    const totalShaped = total === undefined || (Number.isSafeInteger(total) && total >= 0);
    if (!keyShaped || typeof id !== 'string' || typeof before !== 'boolean' || !totalShaped) throw invalidCursor();
    return cursor;
  }

  private mac(payload: string, binding: CursorBinding): string {
    return createHmac('sha256', this.secret).update(JSON.stringify(binding)).update('\n').update(payload).digest('base64url');
  }
}

/** A ticket-list cursor's key and id, checked against the type of its sort key. */
export function ticketPosition(cursor: Cursor, type: 'text' | 'bigint' | 'timestamp'): { key: string | null; id: string } {
  const key = cursor.key === null ? null : String(cursor.key);
  const keyFits = key === null || type === 'text' || (type === 'bigint' ? isBigint(key) : isTimestamp(key));
  if (!keyFits || !/^\d+$/.test(cursor.id) || !isBigint(cursor.id)) throw invalidCursor();
  return { key, id: cursor.id };
}

/** Where a history cursor stands: its time, source (0 notes, 1 creations, 2 closings) and id. */
export function historyPosition(cursor: Cursor): [string, number, string] {
  const [source, id] = cursor.id.split(':');
  if (typeof cursor.key !== 'string' || !isTimestamp(cursor.key) || !['0', '1', '2'].includes(source) || !/^\d+$/.test(id ?? '') || !isBigint(id)) {
    throw invalidCursor();
  }
  return [cursor.key, Number(source), id];
}

/** A customer-user cursor's key: last name, first name and login (lower case), as the list sorts them. */
export function userPosition(cursor: Cursor): [string, string, string] {
  try {
    const key = JSON.parse(String(cursor.key)) as unknown;
    if (Array.isArray(key) && key.length === 3 && key.every((k) => typeof k === 'string')) return key as [string, string, string];
  } catch {
    // Not JSON: refused below.
  }
  throw invalidCursor();
}
