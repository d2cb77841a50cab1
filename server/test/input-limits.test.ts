import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIELD_LIMITS } from '../../src/data/contract/field-limits.js';
import { CIC_TABLES, COUNT_SUMMARY, ZNUNY_TABLES } from '../sql/schema.js';
import { testServer, type TestServer } from './fixture.js';
import { readContractDocument } from '../openapi-validation.js';

/** `table.column` → width of every `VARCHAR(n)` column the schema creates. */
function columnWidths(ddl: string): Map<string, number> {
  const widths = new Map<string, number>();
  for (const [, table, body] of ddl.matchAll(/CREATE TABLE IF NOT EXISTS (\w+) \(([\s\S]*?)\);/g)) {
    for (const [, column, width] of body.matchAll(/(\w+) VARCHAR\((\d+)\)/g)) widths.set(`${table}.${column}`, Number(width));
  }
  return widths;
}

const PREFIX = 'CIC:'.length;
const USER_COLUMNS: Record<keyof typeof FIELD_LIMITS.customerUser, string> = {
  login: 'login', email: 'email', customerId: 'customer_id', title: 'title', firstName: 'first_name', lastName: 'last_name',
  phone: 'phone', mobile: 'mobile', street: 'street', zip: 'zip', city: 'city', country: 'country', comment: 'comments',
};

describe('field limits: one table of column widths', () => {
  it('equal the widths of the columns the schema creates', () => {
    const widths = columnWidths(ZNUNY_TABLES + CIC_TABLES + COUNT_SUMMARY);
    const expected: [string, number][] = [
      ...Object.entries(USER_COLUMNS).map(([field, column]): [string, number] => [`customer_user.${column}`, FIELD_LIMITS.customerUser[field as keyof typeof USER_COLUMNS]]),
      ...['customer_company', 'ticket', 'customer_user_customer', 'cic_customer_history', 'cic_customer_fields', 'cic_ticket_counts'].map(
        (table): [string, number] => [`${table}.customer_id`, FIELD_LIMITS.customerId],
      ),
      ['ticket.customer_user_id', FIELD_LIMITS.ticketCustomerUser],
      ['user_preferences.preferences_key', FIELD_LIMITS.preferenceKey + PREFIX],
    ];
    for (const [column, width] of expected) assert.equal(widths.get(column), width, column);
  });

  it('are the maxLengths of openapi.yaml, and every maxLength there is one of them', async () => {
    const document = readContractDocument();
    const found = new Map<string, number>();
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}/${(item as { name?: string })?.name ?? i}`));
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'maxLength') found.set(path, value as number);
          else walk(value, `${path}/${key}`);
        }
      }
    };
    walk(document, '');
    const user = Object.entries(FIELD_LIMITS.customerUser).map(([field, width]): [string, number] => [`/components/schemas/CustomerUserInput/properties/${field}`, width]);
    const body = '/requestBody/content/application/json/schema/properties';
    const expected = new Map<string, number>([
      ...user,
      ['/components/parameters/term/schema', 200],
      // Not a column: the reference server keeps the key in memory only (a UUID is 36 characters).
      ['/components/parameters/idempotencyKey/schema', 200],
      // Not a column either: an event id of the live stream, kept in memory.
      ['/paths//live/get/parameters/Last-Event-ID/schema', 100],
      ['/paths//customer-users/get/parameters/filter/schema', 200],
      // Not columns: the id and path of a batch's part, kept in memory while it is answered.
      [`/paths//batch/post${body}/requests/items/properties/id`, 64],
      [`/paths//batch/post${body}/requests/items/properties/path`, 2000],
      ['/components/parameters/login/schema', FIELD_LIMITS.customerUser.login],
      ['/components/parameters/key/schema', FIELD_LIMITS.preferenceKey],
      ['/components/parameters/customerIdAsId/schema', FIELD_LIMITS.customerId],
      ['/components/parameters/customerIdRequired/schema', FIELD_LIMITS.customerId],
      ['/components/parameters/customerId/schema', FIELD_LIMITS.customerId],
      ['/components/parameters/customerUserLogin/schema', FIELD_LIMITS.ticketCustomerUser],
      [`/paths//customer/put${body}/customFields/propertyNames`, FIELD_LIMITS.customFieldLabel],
      [`/paths//customer/put${body}/customFields/additionalProperties`, FIELD_LIMITS.customFieldValue],
      [`/paths//customer-notes/post${body}/text`, FIELD_LIMITS.note],
      [`/paths//ticket-counts/by-customer-user/post${body}/logins/items`, FIELD_LIMITS.ticketCustomerUser],
      [`/paths//ticket-counts/by-customer/post${body}/customerIds/items`, FIELD_LIMITS.customerId],
    ]);
    assert.deepEqual(Object.fromEntries([...found].sort()), Object.fromEntries([...expected].sort()));
  });
});

describe('field limits: over-long values are refused before any SQL', () => {
  let server: TestServer;
  before(async () => (server = await testServer()));
  after(() => server.db.close());

  const user = { login: 'limits.user', customerId: 'SMALL', firstName: 'Li', lastName: 'Mits', email: 'limits@x.example' };
  const problemOf = async (response: Response) => ({ status: response.status, errors: (await response.json()).errors });

  for (const [field, width] of Object.entries(FIELD_LIMITS.customerUser)) {
    it(`a customer user's ${field} longer than ${width} characters: 422 naming it`, async () => {
      const long = field === 'email' ? `${'e'.repeat(width - 10)}@x.example.` : 'x'.repeat(width + 1);
      const created = await server.call('/customer-users', { method: 'POST', body: JSON.stringify({ ...user, [field]: long }) });
      assert.deepEqual(await problemOf(created), { status: 422, errors: { [field]: 'too-long' } });
      const updated = await server.call('/customer-user?login=big.user01', { method: 'PUT', body: JSON.stringify({ ...user, login: 'big.user01', [field]: long }) });
      assert.equal(updated.status, 422);
    });
  }

  it('a customer user whose every field is as long as its column is stored', async () => {
    const full = Object.fromEntries(Object.entries(FIELD_LIMITS.customerUser).map(([field, width]) => [field, 'y'.repeat(width)]));
    const body = { ...full, customerId: 'SMALL', email: `${'e'.repeat(FIELD_LIMITS.customerUser.email - 10)}@x.exampl` };
    const response = await server.call('/customer-users', { method: 'POST', body: JSON.stringify(body) });
    assert.equal(response.status, 201);
  });

  it('a preference key over 146 characters: 422 (146 is stored)', async () => {
    const put = (key: string) => server.call(`/preferences?key=${key}`, { method: 'PUT', body: JSON.stringify({ value: 1 }) });
    assert.deepEqual(await problemOf(await put('k'.repeat(147))), { status: 422, errors: { key: 'too-long' } });
    assert.equal((await put('k'.repeat(146))).status, 204);
    assert.deepEqual(await server.json(`/preferences?key=${'k'.repeat(146)}`), { value: 1 });
  });

  it('a preference value nested 20,000 levels deep: 422 naming value', async () => {
    const deep = `{"value": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const response = await server.call('/preferences?key=deep', { method: 'PUT', body: deep });
    assert.equal(response.status, 422);
    assert.ok('value' in (await response.json()).errors);
    const shallow = await server.call('/preferences?key=deep', { method: 'PUT', body: `{"value": ${'['.repeat(60)}${']'.repeat(60)}}` });
    assert.equal(shallow.status, 204);
  });

  it('a note on a customer id over 150 characters: 422 naming customerId', async () => {
    const response = await server.call(`/customer-notes?customerId=${'C'.repeat(151)}`, { method: 'POST', body: JSON.stringify({ text: 'hello' }) });
    assert.deepEqual(await problemOf(response), { status: 422, errors: { customerId: 'too-long' } });
  });

  it('a custom field label or value over 250 characters: 422 naming the label', async () => {
    const { version } = await server.json('/customer?id=SMALL');
    for (const fields of [{ Tier: 'v'.repeat(251) }, { ['L'.repeat(251)]: 'gold' }]) {
      const response = await server.call('/customer?id=SMALL', { method: 'PUT', body: JSON.stringify({ customFields: fields, version }) });
      assert.deepEqual(await problemOf(response), { status: 422, errors: { [Object.keys(fields)[0]]: 'too-long' } });
    }
  });

  it(`more custom fields than ${FIELD_LIMITS.customFieldCount} (openapi.yaml's maxProperties): 422 naming customFields`, async () => {
    const customFields = readContractDocument().paths['/customer'].put.requestBody!.content['application/json'].schema.properties!.customFields;
    assert.equal(customFields.maxProperties, FIELD_LIMITS.customFieldCount);
    const { version } = await server.json('/customer?id=SMALL');
    const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`Field ${index}`, 'v']));
    const tooMany = await server.call('/customer?id=SMALL', { method: 'PUT', body: JSON.stringify({ customFields: fields(FIELD_LIMITS.customFieldCount + 1), version }) });
    assert.deepEqual(await problemOf(tooMany), { status: 422, errors: { customFields: `must have at most ${FIELD_LIMITS.customFieldCount} properties` } });
    const enough = await server.call('/customer?id=SMALL', { method: 'PUT', body: JSON.stringify({ customFields: fields(FIELD_LIMITS.customFieldCount), version }) });
    assert.equal(enough.status, 200);
  });

  it('counts asked for ids longer than the columns: 422', async () => {
    const byUser = await server.call('/ticket-counts/by-customer-user', { method: 'POST', body: JSON.stringify({ logins: ['u'.repeat(251)] }) });
    const byCustomer = await server.call('/ticket-counts/by-customer', { method: 'POST', body: JSON.stringify({ customerIds: ['c'.repeat(151)] }) });
    assert.deepEqual([byUser.status, byCustomer.status], [422, 422]);
  });
});
