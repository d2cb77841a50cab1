import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/components/customer-users-widget/define.js';
import type { CustomerUsersWidget } from '../../src/components/customer-users-widget/customer-users-widget.js';
import type { CustomerUserForm } from '../../src/components/customer-user-form/customer-user-form.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { smallHelpdesk } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, text, typeInto, until } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

/** ACME with 12 more users (u01…u12, last names Zeta01…), so that it has two pages. */
function bigAcme() {
  const data = smallHelpdesk();
  for (let i = 1; i <= 12; i++) {
    const n = String(i).padStart(2, '0');
    data.customerUsers.push({ login: `u${n}`, customerId: 'ACME', firstName: 'User', lastName: `Zeta${n}`, email: `u${n}@acme.example` });
  }
  return data;
}

const logins = (el: CustomerUsersWidget) => $$(el, 'tbody tr').map((row) => text(row.querySelector('td')));
const form = (el: CustomerUsersWidget) => $<CustomerUserForm>(el, 'customer-user-form');
const formField = (el: CustomerUsersWidget, name: string) => $<HTMLInputElement>(el, `customer-user-form >>> #${name}`)!;

async function renderUsers(source: DataSource, customerId = 'ACME') {
  const el = await fixture<CustomerUsersWidget>(html`<customer-users-widget customer-id=${customerId}
    .dataSource=${source}></customer-users-widget>`);
  await until(() => $(el, 'table') || $(el, '[part=empty]') || $(el, '[role=alert]'), 'never loaded');
  return el;
}

runWidgetSuite({
  tag: 'customer-users-widget',
  loadsWith: 'listCustomerUsers',
  subject: { 'customer-id': 'ACME' },
  emptySubject: { 'customer-id': 'NOBODY' },
  parts: ['table', 'filter', 'count', 'contact-button', 'add-button'],
});

describe('customer-users-widget', () => {
  beforeEach(() => localStorage.clear());

  it('lists the users sorted by name with their open/closed counts, one call per page', async () => {
    const spy = fixtureSource({}, bigAcme());
    const el = await renderUsers(spy.source);
    await until(() => !text($(el, 'tbody')).includes('…'));
    expect(logins(el)).to.deep.equal(['anna', 'bob', 'u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08']);
    const anna = $$(el, 'tbody tr')[0];
    const acme = smallHelpdesk().tickets.filter((t) => t.customerUserLogin === 'anna');
    const closed = acme.filter((t) => /closed|merged|removed/.test(t.state)).length;
    expect(text(anna.querySelectorAll('td')[2])).to.equal(String(acme.length - closed));
    expect(text(anna.querySelectorAll('td')[3])).to.equal(String(closed));
    expect(spy.total()).to.equal(1);
    expect((spy.calls.listCustomerUsers[0][1] as { withTicketCounts: boolean }).withTicketCounts).to.equal(true);
    await expect(el).to.be.accessible();

    $$<HTMLButtonElement>(el, '.pager button')[1].click();
    await until(() => logins(el).join() === 'u09,u10,u11,u12');
    await until(() => !text($(el, 'tbody')).includes('…'));
    expect(spy.total()).to.equal(2);
  });

  it('asks for the counts of a page in one batch when the source does not send them along', async () => {
    const spy = fixtureSource({}, bigAcme());
    const list = spy.source.listCustomerUsers.bind(spy.source);
    spy.source.listCustomerUsers = async (id, options) => ({ ...(await list(id, options)), ticketCounts: undefined });
    const el = await renderUsers(spy.source);
    await until(() => !text($(el, 'tbody')).includes('…'));
    expect(spy.count('countTicketsByUser')).to.equal(1);
    expect((spy.calls.countTicketsByUser[0][0] as string[]).length).to.equal(10);
  });

  it('shows 0 for a user the source did not count, also one whose login is constructor or toString', async () => {
    const data = smallHelpdesk();
    data.customerUsers.push({ login: 'constructor', customerId: 'ACME', firstName: 'C', lastName: 'Onstructor' }, { login: 'toString', customerId: 'ACME', firstName: 'T', lastName: 'Ostring' });
    const spy = fixtureSource({}, data);
    const list = spy.source.listCustomerUsers.bind(spy.source);
    // As a GROUP BY answers: only the users with tickets.
    spy.source.listCustomerUsers = async (id, options) => {
      const page = await list(id, options);
      return { ...page, ticketCounts: Object.fromEntries(Object.entries(page.ticketCounts ?? {}).filter(([, counts]) => counts.open + counts.closed > 0)) };
    };
    const el = await renderUsers(spy.source);
    await until(() => logins(el).includes('toString'));
    const row = (login: string) => $$(el, 'tbody tr').find((each) => logins(el)[$$(el, 'tbody tr').indexOf(each)] === login)!;
    for (const login of ['constructor', 'toString']) {
      expect([2, 3].map((cell) => text(row(login).querySelectorAll('td')[cell]))).to.deep.equal(['0', '0']);
    }
    expect(text($(el, 'tbody'))).to.not.contain('NaN');
  });

  it('keeps the focus on the pager when a page is turned by keyboard', async () => {
    const el = await renderUsers(fixtureSource({}, bigAcme()).source);
    const button = (label: string) => $$<HTMLButtonElement>(el, '[part=pager] button').find((each) => text(each) === label)!;
    button('Next page').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => logins(el).join() === 'u09,u10,u11,u12');
    // The last page has no next one: its Previous takes the focus.
    await until(() => el.shadowRoot!.activeElement === button('Previous page'), 'the focus fell to the page');
    await sendKeys({ press: 'Enter' });
    await until(() => logins(el)[0] === 'anna');
    await until(() => el.shadowRoot!.activeElement === button('Next page'), 'the focus fell to the page');
  });

  it('filters with the filter box in one call after typing stops', async () => {
    const spy = fixtureSource({}, bigAcme());
    const el = await renderUsers(spy.source);
    spy.reset();
    $<HTMLInputElement>(el, '[part=filter]')!.focus();
    await sendKeys({ type: 'zeta1' });
    await until(() => logins(el).join() === 'u10,u11,u12');
    expect(spy.count('listCustomerUsers')).to.equal(1);
  });

  it('fires customer-user-selected, ticket-search-requested and ticket-create-requested', async () => {
    const el = await renderUsers(fixtureSource().source);
    await until(() => !text($(el, 'tbody')).includes('…'));
    const row = $$(el, 'tbody tr')[1];
    const selected = oneEvent(el, 'customer-user-selected');
    row.querySelector<HTMLButtonElement>('td button')!.click();
    expect((await selected).detail).to.deep.equal({ customerUserLogin: 'bob', customerId: 'ACME' });
    const search = oneEvent(el, 'ticket-search-requested');
    row.querySelectorAll('td')[3].querySelector('button')!.click();
    expect((await search).detail).to.deep.equal({ customerId: 'ACME', customerUserLogin: 'bob', status: 'closed' });
    const create = oneEvent(el, 'ticket-create-requested');
    row.querySelectorAll('td')[5].querySelector('button')!.click();
    expect((await create).detail).to.deep.equal({ channel: 'email', customerUserLogin: 'bob', customerId: 'ACME' });
  });

  it('renders Create as links when a URL template is set', async () => {
    const template = '/new?channel={channel}&user={customerUserLogin}';
    const el = await fixture<CustomerUsersWidget>(html`<customer-users-widget customer-id="ACME"
      ticket-create-url-template=${template} .dataSource=${fixtureSource().source}></customer-users-widget>`);
    await until(() => $(el, 'tbody a'));
    expect($(el, 'tbody a')!.getAttribute('href')).to.equal('/new?channel=phone&user=anna');
  });

  it('adds a customer user: customer id prefilled, the list updates after saving', async () => {
    const el = await renderUsers(fixtureSource().source);
    $<HTMLButtonElement>(el, '[part=add-button]')!.click();
    await until(() => formField(el, 'login'));
    expect(formField(el, 'customerId').value).to.equal('ACME');
    await typeInto(formField(el, 'firstName'), 'Carla');
    await typeInto(formField(el, 'lastName'), 'Aaron');
    await typeInto(formField(el, 'login'), 'carla');
    await typeInto(formField(el, 'email'), 'carla@acme.example');
    await sendKeys({ press: 'Enter' });
    await until(() => logins(el).join() === 'carla,anna,bob');
    expectNone(form(el));
  });

  it('edits with Save (stays) and Save and finish (closes)', async () => {
    const el = await renderUsers(fixtureSource().source);
    $$<HTMLButtonElement>(el, 'tbody tr')[1].querySelector<HTMLButtonElement>('td:last-child button')!.click();
    await until(() => formField(el, 'login'));
    expect(text($(el, 'customer-user-form >>> h3'))).to.equal('Edit customer user');
    expect(formField(el, 'lastName').value).to.equal('Baker');
    await typeInto(formField(el, 'lastName'), 'Aardvark');
    $<HTMLButtonElement>(el, 'customer-user-form >>> [part=save-button]')!.click();
    await until(() => logins(el).join() === 'bob,anna');
    expect(text($(el, 'customer-user-form >>> [role=status]'))).to.equal('Saved.');
    $<HTMLButtonElement>(el, 'customer-user-form >>> [part=finish-button]')!.click();
    await until(() => form(el) === null);
  });

  it('offers no add or edit when the data source cannot write', async () => {
    const el = await renderUsers(fixtureSource({ writable: false }).source);
    expectNone($(el, '[part=add-button]'));
    const labels = $$(el, 'tbody button').map((button) => button.getAttribute('aria-label') ?? '');
    expect(labels.filter((label) => label.startsWith('Create'))).to.have.length(4);
    expect(labels.filter((label) => label.startsWith('Edit'))).to.deep.equal([]);
  });
});

describe('contact card in customer-users-widget', () => {
  async function render() {
    const data = smallHelpdesk();
    data.customerUsers[0] = { ...data.customerUsers[0], phone: '+49 30 1234', mobile: '+49 170 5555', street: 'Hauptstraße 1', zip: '10115', city: 'Berlin' };
    const el = await fixture<HTMLElement>(html`<customer-users-widget customer-id="ACME" .dataSource=${fixtureSource({}, data).source}></customer-users-widget>`);
    await until(() => $(el, '[part=contact-button]'), 'no users');
    return el;
  }
  const cardOf = (el: HTMLElement) => $(el, '[part=contact-card]')!;

  it('opens after the pointer rests on a name, with address, phone, mobile and email', async () => {
    const el = await render();
    const name = $(el, '.contact .text')!;
    const box = name.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    expect(cardOf(el).hidden, 'not at once').to.equal(true);
    await until(() => !cardOf(el).hidden, 'the card never opened');
    const card = text(cardOf(el));
    for (const part of ['Hauptstraße 1', '10115 Berlin', '+49 30 1234', '+49 170 5555', 'anna@acme.example']) expect(card).to.contain(part);
    expect(cardOf(el).querySelector('a[href^="tel:"]')).to.exist;
    await sendMouse({ type: 'move', position: [0, 0] });
    await until(() => cardOf(el).hidden, 'the card stays after the pointer left');
    await expect(el).to.be.accessible();
  });

  it('opens with Enter on its button and closes with Escape, the focus staying on the button', async () => {
    const el = await render();
    const button = $<HTMLButtonElement>(el, '[part=contact-button]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button.getAttribute('aria-expanded') === 'true');
    expect(cardOf(el).hidden).to.equal(false);
    expect(button.getAttribute('aria-controls')).to.equal(cardOf(el).id);
    await sendKeys({ press: 'Escape' });
    await until(() => button.getAttribute('aria-expanded') === 'false');
    expect(el.shadowRoot!.activeElement).to.equal(button);
  });
});
