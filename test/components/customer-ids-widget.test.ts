import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/customer-ids-widget/define.js';
import type { CustomerIdsWidget } from '../../src/components/customer-ids-widget/customer-ids-widget.js';
import { smallHelpdesk } from '../support/fixtures.js';
import { $$, fixtureSource, text, until } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

runWidgetSuite({
  tag: 'customer-ids-widget',
  loadsWith: 'getCustomerUser',
  subject: { 'customer-user-login': 'bob' },
  emptySubject: { 'customer-user-login': 'nobody' },
  parts: ['table', 'count'],
});

/** Open and closed tickets of a customer in the small helpdesk, as the widget shows them. */
function counts(customerId: string) {
  const all = smallHelpdesk().tickets.filter((t) => t.customerId === customerId);
  const closed = all.filter((t) => /closed|merged|removed/.test(t.state)).length;
  return `${all.length - closed} ${closed}`;
}

describe('customer-ids-widget', () => {
  it('lists the primary and secondary customer ids with their counts from one batch, opening one by event', async () => {
    const spy = fixtureSource();
    const el = await fixture<CustomerIdsWidget>(html`<customer-ids-widget customer-user-login="bob" .dataSource=${spy.source}></customer-ids-widget>`);
    await until(() => $$(el, 'tbody tr').length === 2, 'no customer ids');
    expect($$(el, 'tbody tr').map(text)).to.deep.equal([`ACME primary ${counts('ACME')}`, `Star*Corp secondary ${counts('Star*Corp')}`]);
    expect(spy.count('countTicketsByCustomer')).to.equal(1);
    const selected = oneEvent(el, 'customer-selected');
    $$<HTMLButtonElement>(el, 'tbody button.link')[0].click();
    expect((await selected).detail).to.deep.equal({ customerId: 'ACME' });
  });
});
