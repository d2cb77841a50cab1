import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/customer-user-information-widget/define.js';
import type { CustomerUserInformationWidget } from '../../src/components/customer-user-information-widget/customer-user-information-widget.js';
import { $$, fixtureSource, text, until } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

runWidgetSuite({
  tag: 'customer-user-information-widget',
  loadsWith: 'getCustomerUser',
  subject: { 'customer-user-login': 'bob' },
  emptySubject: { 'customer-user-login': 'nobody' },
  // The record list has no part of its own.
  parts: ['fields'],
  content: 'dl',
});

describe('customer-user-information-widget', () => {
  it('shows the user’s name, login, email and customer ids', async () => {
    const el = await fixture<CustomerUserInformationWidget>(html`<customer-user-information-widget customer-user-login="bob"
      .dataSource=${fixtureSource().source}></customer-user-information-widget>`);
    await until(() => $$(el, 'dt').length > 0, 'no fields');
    const fields = Object.fromEntries($$(el, 'dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(fields).to.include({ Name: 'Bob Baker', Login: 'bob', Email: 'bob@acme.example', 'Customer ID': 'ACME', 'Secondary customer IDs': 'Star*Corp' });
  });
});
