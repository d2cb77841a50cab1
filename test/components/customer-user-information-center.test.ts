import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerUserInformationCenter } from '../../src/components/customer-user-information-center/customer-user-information-center.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk, ticket } from '../support/fixtures.js';
import { spySource } from '../support/spy-source.js';
import { $, $$, fixtureSource, settle, text, until } from '../support/helpers.js';

const titles = (el: Element, region: string) => $$(el, `[data-region=${region}] .card-title`).map((t) => text(t));
const widget = (el: Element, id: string) => $(el, `[data-widget="${id}"] .widget`)!;
const inner = (element: Element, selector: string) => [...element.shadowRoot!.querySelectorAll(selector)];

async function renderUserCenter(login = 'bob') {
  const spy = fixtureSource();
  const el = await fixture<CustomerUserInformationCenter>(html`<customer-user-information-center
    customer-user-login=${login} .dataSource=${spy.source}></customer-user-information-center>`);
  await until(() => titles(el, 'main').length === 5, 'no layout');
  return { el, spy };
}

describe('customer-user-information-center', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());

  it('shows the user, the ticket lists with Closed Tickets, and the sidebar widgets', async () => {
    const { el } = await renderUserCenter();
    expect(titles(el, 'main')).to.deep.equal(['Reminder Tickets', 'Escalated Tickets', 'New Tickets', 'Open Tickets', 'Closed Tickets']);
    expect(titles(el, 'sidebar')).to.deep.equal(['Settings', 'Customer IDs', 'Customer User Information', 'Customer Information']);
    await until(() => text($(el, '.header h1')) === 'Bob Baker');
    expect(text($(el, '.header .id'))).to.equal('bob');
  });

  it('lists the customer ids with batched counts, opening a customer by event', async () => {
    const { el, spy } = await renderUserCenter();
    const ids = widget(el, 'customer-ids');
    await until(() => inner(ids, 'tbody tr').length === 2);
    const rows = inner(ids, 'tbody tr').map((row) => text(row));
    const tickets = smallHelpdesk().tickets;
    const counts = (id: string) => {
      const all = tickets.filter((t) => t.customerId === id);
      const closed = all.filter((t) => /closed|merged|removed/.test(t.state)).length;
      return `${all.length - closed} ${closed}`;
    };
    expect(rows).to.deep.equal([`ACME primary ${counts('ACME')}`, `Star*Corp secondary ${counts('Star*Corp')}`]);
    expect(spy.count('countTicketsByCustomer')).to.equal(1);
    const selected = oneEvent(el, 'customer-selected');
    (inner(ids, 'tbody button.link')[0] as HTMLButtonElement).click();
    expect((await selected).detail).to.deep.equal({ customerId: 'ACME' });
  });

  it('limits ticket lists to the user, or to all tickets of the user’s customers', async () => {
    const { el } = await renderUserCenter();
    const closed = widget(el, 'closed-tickets');
    const numbers = () => inner(closed, 'tbody tr').map((row) => text(row.querySelector('td')));
    const tickets = smallHelpdesk().tickets;
    const closedStates = /closed|merged|removed/;
    const own = tickets.filter((t) => t.customerUserLogin === 'bob' && closedStates.test(t.state));
    await until(() => numbers().length === own.length);
    expect(numbers()).to.deep.equal(own.map((t) => t.number));
    (inner(closed, 'input[type=radio]')[1] as HTMLInputElement).click();
    const accessible = tickets.filter((t) => ['ACME', 'Star*Corp'].includes(t.customerId) && closedStates.test(t.state));
    await until(() => numbers().length === accessible.length);
  });

  it('shows the user’s fields and the primary customer’s information', async () => {
    const { el } = await renderUserCenter();
    const user = widget(el, 'customer-user-information');
    await until(() => inner(user, 'dt').length > 0);
    const fields = Object.fromEntries(inner(user, 'dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(fields).to.include({ Name: 'Bob Baker', Login: 'bob', Email: 'bob@acme.example', 'Customer ID': 'ACME', 'Secondary customer IDs': 'Star*Corp' });
    const customer = widget(el, 'customer-information');
    await until(() => inner(customer, 'dd').length > 0);
    expect(text(inner(customer, 'dd')[0])).to.equal('Acme Corporation');
    await settle(200);
    await expect(el).to.be.accessible();
  });

  it('keeps its own layout apart from the customer center', async () => {
    const { el } = await renderUserCenter();
    $<HTMLButtonElement>(el, '[data-widget="closed-tickets"] .close-button')!.click();
    await until(() => localStorage.getItem('cic:layout:customer-user-information-center'));
    expect(localStorage.getItem('cic:layout:customer-information-center')).to.equal(null);
  });
});

describe('Customer 360 widgets in the customer user center', () => {
  it('shows the user\'s recent tickets and statistics', async () => {
    localStorage.setItem('cic:layout:customer-user-information-center', JSON.stringify({ main: ['ticket-statistics'], sidebar: ['recent-tickets'], hidden: [] }));
    try {
      const el = await fixture<HTMLElement>(html`<customer-user-information-center customer-user-login="bob" .dataSource=${fixtureSource().source}></customer-user-information-center>`);
      await until(() => $(el, '[data-widget=recent-tickets] recent-tickets-widget'), 'no recent tickets widget');
      const recent = $(el, '[data-widget=recent-tickets] recent-tickets-widget')!;
      await until(() => $$(recent, '[part=ticket]').length > 0, 'no recent tickets');
      const bobs = smallHelpdesk().tickets.filter((t) => t.customerUserLogin === 'bob').map((t) => t.number).sort();
      expect($$(recent, '[part=ticket] .number').map(text).sort()).to.deep.equal(bobs);
      const statistics = $(el, '[data-widget=ticket-statistics] ticket-statistics-widget')!;
      await until(() => $(statistics, '[part=summary]'), 'no statistics');
      expect(text($(statistics, '[part=summary]'))).to.contain(`in 2 queues`);
    } finally {
      localStorage.removeItem('cic:layout:customer-user-information-center');
    }
  });
});

describe('customer-user-information-center with live updates', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());

  it("shows the user's new ticket and changed record without Refresh, and unsubscribes on removal", async () => {
    const source = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    const spy = spySource(source);
    const el = await fixture<CustomerUserInformationCenter>(html`<customer-user-information-center
      customer-user-login="bob" .dataSource=${spy.source}></customer-user-information-center>`);
    await until(() => text($(el, '[part=live-indicator]')) === 'Live', 'never live');
    const [scope, , { signal }] = spy.calls.subscribe[0] as [unknown, unknown, { signal: AbortSignal }];
    expect(scope).to.deep.equal({ customerUserLogin: 'bob' });
    const open = widget(el, 'open-tickets');
    await until(() => inner(open, 'tbody tr').length > 0);
    const rows = inner(open, 'tbody tr').length;
    source.putTicket(ticket({ customerUserLogin: 'bob', state: 'open', title: 'Bob needs help' }));
    await until(() => inner(open, 'tbody tr').length === rows + 1, 'the new ticket never showed');
    expect(text(inner(open, 'tbody')[0])).to.include('Bob needs help');

    const user = (await source.getCustomerUser('bob'))!;
    await source.updateCustomerUser!('bob', { ...user, firstName: 'Robert' });
    await until(() => text($(el, '.header h1')) === 'Robert Baker', 'the heading never changed');
    await until(() => text(inner(widget(el, 'customer-user-information'), 'dl')[0]).includes('Robert Baker'), 'the record never changed');
    await expect(el).to.be.accessible();
    el.remove();
    await until(() => signal.aborted, 'never unsubscribed');
  });
});
