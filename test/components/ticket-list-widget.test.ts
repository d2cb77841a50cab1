import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/ticket-list-widget/define.js';
import type { TicketListWidget } from '../../src/components/ticket-list-widget/ticket-list-widget.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import type { Ticket } from '../../src/data/contract/types.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, fixtureSource, settle, text, until } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

const data = smallHelpdesk();
const acme = data.tickets.filter((t) => t.customerId === 'ACME');
const oldestFirst = (tickets: Ticket[]) => [...tickets].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
const numbersOf = (tickets: Ticket[]) => tickets.map((t) => t.number);

const rows = (el: TicketListWidget) => $$(el, 'tbody tr').map((row) => text(row.querySelector('td')));
const headers = (el: TicketListWidget) => $$(el, 'thead th').map((th) => text(th).replace(/ ?[▲▼]/, ''));
const tab = (el: TicketListWidget, filter: string) => $(el, `#tab-${filter}`)!;

async function renderList(attributes: { view: string; customerId?: string; template?: string }, source: DataSource) {
  const el = await fixture<TicketListWidget>(html`<ticket-list-widget view=${attributes.view}
    customer-id=${attributes.customerId ?? 'ACME'} ticket-url-template=${attributes.template ?? ''}
    .dataSource=${source}></ticket-list-widget>`);
  await until(() => $(el, 'table') || $(el, '[part=empty]'), 'the list never loaded');
  return el;
}

runWidgetSuite({
  tag: 'ticket-list-widget',
  loadsWith: 'listTickets',
  subject: { view: 'open', 'customer-id': 'ACME' },
  emptySubject: { view: 'new', 'customer-id': 'Star*Corp' },
  parts: ['table', 'tabs', 'tab', 'count', 'ticket-link', 'columns-button'],
});

describe('ticket-list-widget', () => {
  beforeEach(() => localStorage.clear());

  it('lists the open tickets of the customer, oldest first, with number, age and title', async () => {
    const spy = fixtureSource();
    const el = await renderList({ view: 'open' }, spy.source);
    const expected = numbersOf(oldestFirst(acme.filter((t) => t.state === 'open')));
    expect(rows(el)).to.deep.equal(expected);
    expect(headers(el)).to.deep.equal(['Ticket#', 'Age', 'Title']);
    expect(spy.count('listTickets')).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('shows every filter count, fetched with the first page in one call', async () => {
    const spy = fixtureSource();
    const el = await renderList({ view: 'all' }, spy.source);
    await until(() => !text(tab(el, 'all')).includes('…'));
    const mine = acme.filter((t) => t.ownerId === 'me' && t.lock === 'lock').length;
    const myQueues = acme.filter((t) => t.queueId === 'q1').length;
    expect(mine, 'the fixture must tell the two counts apart').to.not.equal(myQueues);
    expect(text(tab(el, 'my-locked'))).to.equal(`My locked tickets (${mine})`);
    expect(text(tab(el, 'my-queues'))).to.equal(`Tickets in my queues (${myQueues})`);
    expect(text(tab(el, 'all'))).to.equal(`All tickets (${acme.length})`);
    expect(spy.count('listTickets')).to.equal(1);
    expect(spy.count('countTickets')).to.equal(0);
    expect((spy.calls.listTickets[0][1] as { withCounts: boolean }).withCounts).to.equal(true);
    tab(el, 'my-locked').click();
    await until(() => spy.count('listTickets') === 2);
    expect((spy.calls.listTickets[1][1] as { withCounts: boolean }).withCounts).to.equal(false);
    await until(() => rows(el).length === mine);
    expect(text(tab(el, 'all'))).to.equal(`All tickets (${acme.length})`);
  });

  it('passes an AbortSignal to the data source and aborts a superseded page', async () => {
    const spy = fixtureSource();
    const el = await renderList({ view: 'all' }, spy.source);
    const release = spy.hold('listTickets');
    tab(el, 'my-locked').click();
    await until(() => spy.count('listTickets') === 2);
    tab(el, 'my-queues').click();
    await until(() => spy.count('listTickets') === 3);
    const signals = spy.calls.listTickets.map((call) => (call[1] as { signal?: AbortSignal }).signal);
    expect(signals.every((signal) => signal instanceof AbortSignal)).to.equal(true);
    expect(signals[1]!.aborted, 'the superseded call').to.equal(true);
    expect(signals[2]!.aborted).to.equal(false);
    release();
    await until(() => tab(el, 'my-queues').getAttribute('aria-selected') === 'true' && rows(el).length === 10);
  });

  for (const change of ['filter', 'sort'] as const) {
    it(`goes back to the first page when the ${change} changes after paging`, async () => {
      const spy = fixtureSource();
      const el = await renderList({ view: 'all' }, spy.source);
      $$<HTMLButtonElement>(el, '.pager button')[1].click();
      await until(() => text($(el, '.pager [aria-live]')).startsWith('11–'));
      if (change === 'filter') tab(el, 'my-queues').click();
      else $$(el, 'thead th')[2].querySelector('button')!.click();
      await until(() => text($(el, '.pager [aria-live]')).startsWith('1–'));
      const last = spy.calls.listTickets.at(-1)![1] as { page: { cursor?: string } };
      expect(last.page.cursor).to.equal(undefined);
      expect($$<HTMLButtonElement>(el, '.pager button')[0].disabled).to.equal(true);
    });
  }

  it('asks for the counts apart when a data source does not send them with the page', async () => {
    const spy = fixtureSource();
    const listTickets = spy.source.listTickets.bind(spy.source);
    spy.source.listTickets = async (scope, options) => ({ ...(await listTickets(scope, options)), counts: undefined });
    const el = await renderList({ view: 'open' }, spy.source);
    await until(() => text(tab(el, 'all')) === 'All tickets (3)');
    expect(spy.count('countTickets')).to.equal(1);
  });

  it('starts reminder lists on My locked, highlights passed reminders, and remembers the filter', async () => {
    const spy = fixtureSource();
    const el = await renderList({ view: 'reminder' }, spy.source);
    expect(tab(el, 'my-locked').getAttribute('aria-selected')).to.equal('true');
    const reached = acme.filter((t) => t.state === 'pending reminder' && Date.parse(t.pendingUntil!) <= NOW.getTime());
    expect(rows(el)).to.deep.equal(numbersOf(reached.filter((t) => t.ownerId === 'me')));
    tab(el, 'all').click();
    await until(() => rows(el).length === reached.length);
    const byPending = [...reached].sort((a, b) => a.pendingUntil!.localeCompare(b.pendingUntil!));
    expect(rows(el)).to.deep.equal(numbersOf(byPending));

    const again = await renderList({ view: 'reminder' }, spy.source);
    expect(tab(again, 'all').getAttribute('aria-selected')).to.equal('true');
    expect(rows(again)).to.have.length(reached.length);
  });

  it('moves between filter tabs with the arrow keys', async () => {
    const el = await renderList({ view: 'all' }, fixtureSource().source);
    tab(el, 'all').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => tab(el, 'my-queues').getAttribute('aria-selected') === 'true');
    expect(el.shadowRoot!.activeElement).to.equal(tab(el, 'my-queues'));
    const inMyQueues = acme.filter((t) => t.queueId === 'q1');
    await until(() => rows(el).length === Math.min(10, inMyQueues.length));
  });

  it('sorts by a header click, and toggles the direction', async () => {
    const el = await renderList({ view: 'open' }, fixtureSource().source);
    const titleHeader = () => $$(el, 'thead th')[2];
    titleHeader().querySelector('button')!.click();
    const open = acme.filter((t) => t.state === 'open');
    const byTitle = [...open].sort((a, b) => a.title.localeCompare(b.title));
    await until(() => titleHeader().getAttribute('aria-sort') === 'ascending');
    await until(() => rows(el).join() === numbersOf(byTitle).join());
    titleHeader().querySelector('button')!.click();
    await until(() => titleHeader().getAttribute('aria-sort') === 'descending');
    await until(() => rows(el).join() === numbersOf(byTitle.reverse()).join());
  });

  it('pages through the data source and changes the page size', async () => {
    const spy = fixtureSource();
    const el = await renderList({ view: 'all' }, spy.source);
    const all = numbersOf(oldestFirst(acme));
    const select = $<HTMLSelectElement>(el, '.page-size select')!;
    select.value = '5';
    select.dispatchEvent(new Event('change'));
    await until(() => rows(el).length === 5);
    expect(rows(el)).to.deep.equal(all.slice(0, 5));
    expect(text($(el, '.pager [aria-live]'))).to.equal('1–5 of 12');
    const [previous, next] = $$<HTMLButtonElement>(el, '.pager button');
    expect(previous.disabled).to.equal(true);
    next.click();
    await until(() => rows(el).join() === all.slice(5, 10).join());
    $$<HTMLButtonElement>(el, '.pager button')[1].click();
    await until(() => rows(el).join() === all.slice(10).join());
    expect($$<HTMLButtonElement>(el, '.pager button')[1].disabled).to.equal(true);
    $$<HTMLButtonElement>(el, '.pager button')[0].click();
    await until(() => rows(el).join() === all.slice(5, 10).join());
    const lastCall = spy.calls.listTickets.at(-1)![1] as { page: { size: number } };
    expect(lastCall.page.size).to.equal(5);
  });

  it('makes numbers links when a URL template is set, else fires ticket-selected', async () => {
    const linked = await renderList({ view: 'open', template: '/zoom?TicketID={id}&n={number}' }, fixtureSource().source);
    const link = $<HTMLAnchorElement>(linked, 'tbody a')!;
    const first = oldestFirst(acme.filter((t) => t.state === 'open'))[0];
    expect(link.getAttribute('href')).to.equal(`/zoom?TicketID=${first.id}&n=${first.number}`);

    const el = await renderList({ view: 'open' }, fixtureSource().source);
    const selected = oneEvent(el, 'ticket-selected');
    $<HTMLButtonElement>(el, 'tbody button.link')!.click();
    const event = await selected;
    expect(event.detail).to.deep.equal({ ticketId: first.id });
    expect(event.composed).to.equal(true);
  });

  it('never lets a customer id act as a pattern', async () => {
    const el = await renderList({ view: 'all', customerId: 'Star*Corp' }, fixtureSource().source);
    const expected = data.tickets.filter((t) => t.customerId === 'Star*Corp');
    expect(rows(el)).to.deep.equal(numbersOf(expected));
  });

  it('offers only the filter tabs and sortable columns the data source declares', async () => {
    const spy = fixtureSource();
    const declared = { ...spy.source.capabilities, ticketFilters: ['all'] as const, ticketSorts: ['age'] as const };
    const limited = new Proxy(spy.source, { get: (t, k) => (k === 'capabilities' ? declared : Reflect.get(t, k, t)) });
    localStorage.setItem('cic:ticket-list:reminder', JSON.stringify({ filter: 'my-locked' }));
    const el = await renderList({ view: 'reminder' }, limited);
    expect($$(el, '[role=tab]').map((t) => t.id)).to.deep.equal(['tab-all']);
    expect(tab(el, 'all').getAttribute('aria-selected')).to.equal('true');
    expect((spy.calls.listTickets[0][1] as { filter: string }).filter).to.equal('all');
    expect($$(el, 'thead th').map((th) => !!th.querySelector('button'))).to.deep.equal([false, true, false, false]);
    await expect(el).to.be.accessible();
  });

  it('keeps focus on the chosen tab when its list then fails to load', async () => {
    const spy = fixtureSource();
    const el = await renderList({ view: 'all' }, spy.source);
    tab(el, 'all').focus();
    spy.fail('listTickets', () => new UnavailableError());
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => $(el, '[role=alert]'), 'the failed load shows no error');
    expect(tab(el, 'my-queues').getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(tab(el, 'my-queues'));
  });

  it('keeps the focus on a sort header pressed by keyboard once the list is sorted', async () => {
    const el = await renderList({ view: 'all' }, fixtureSource().source);
    const sortButton = () => $$<HTMLButtonElement>(el, 'th button.sort').find((button) => text(button).startsWith('Title'))!;
    sortButton().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, 'th[aria-sort=ascending]') && el.shadowRoot!.activeElement === sortButton(), 'the focus fell to the page');
  });

  it('column chooser by keyboard: the focus stays with the column toggled or moved, each box as its column is', async () => {
    const el = await renderList({ view: 'all' }, fixtureSource().source);
    $(el, '[part=columns-button]')!.click();
    await until(() => $(el, '[part=column-chooser] input'));
    const box = (label: string) => $$<HTMLInputElement>(el, '[part=column-chooser] input').find((each) => text(each.closest('label')) === label)!;
    box('Age').focus();
    await sendKeys({ press: 'Space' });
    await until(() => !headers(el).includes('Age'), 'Age still shown');
    await until(() => el.shadowRoot!.activeElement === box('Age'), 'the focus left the column toggled');
    const shown = $$<HTMLInputElement>(el, '[part=column-chooser] input').filter((each) => each.checked).map((each) => text(each.closest('label')));
    expect(['Ticket#', ...shown]).to.deep.equal(headers(el));
    box('State').focus();
    await sendKeys({ press: 'Space' });
    await until(() => headers(el).includes('State'), 'State not shown');
    expect(el.shadowRoot!.activeElement).to.equal(box('State'));
    const firstShown = 'Title';
    $<HTMLButtonElement>(el, `[part=column-chooser] button[aria-label="Move ${firstShown} down"]`)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => headers(el)[2] === firstShown, `not moved: ${headers(el)}`);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.contain(firstShown);
  });

  it('uses the stored columns and page size', async () => {
    localStorage.setItem('cic:ticket-list:all', JSON.stringify({ columns: ['number', 'state', 'title'], pageSize: 5 }));
    const el = await renderList({ view: 'all' }, fixtureSource().source);
    expect(headers(el)).to.deep.equal(['Ticket#', 'State', 'Title']);
    expect($<HTMLSelectElement>(el, '.page-size select')!.value).to.equal('5');
    expect(rows(el)).to.have.length(5);
  });

  it('adds, orders and remembers columns, and marks passed escalation times', async () => {
    const el = await renderList({ view: 'escalated' }, fixtureSource().source);
    $<HTMLButtonElement>(el, '[part=columns-button]')!.click();
    await el.updateComplete;
    const checkbox = (label: string) =>
      $$(el, '.columns li').find((li) => text(li).startsWith(label))!.querySelector('input')!;
    expect(headers(el)).to.deep.equal(['Ticket#', 'Age', 'Title', 'Escalation']);
    checkbox('State').click();
    checkbox('Queue').click();
    await until(() => headers(el).includes('Queue'));
    expect(headers(el)).to.deep.equal(['Ticket#', 'Age', 'Title', 'Escalation', 'State', 'Queue']);
    const up = $$(el, '.columns li').find((li) => text(li).startsWith('Queue'))!.querySelector('button')!;
    up.click();
    await until(() => headers(el)[4] === 'Queue');
    expect($$(el, 'tbody [part=overdue]')).to.have.length(1);
    const state = $$(el, 'tbody td')[5];
    expect(text(state)).to.equal('open');

    const again = await renderList({ view: 'escalated' }, fixtureSource().source);
    expect(headers(again)).to.deep.equal(['Ticket#', 'Age', 'Title', 'Escalation', 'Queue', 'State']);
  });

  it('falls back to defaults when the stored settings are corrupt', async () => {
    localStorage.setItem('cic:ticket-list:open', '{not json');
    const el = await renderList({ view: 'open' }, fixtureSource().source);
    expect(headers(el)).to.deep.equal(['Ticket#', 'Age', 'Title']);
    localStorage.setItem('cic:ticket-list:open', JSON.stringify({ filter: 'bogus', columns: 'x', pageSize: 7 }));
    const again = await renderList({ view: 'open' }, fixtureSource().source);
    expect(tab(again, 'all').getAttribute('aria-selected')).to.equal('true');
    expect(headers(again)).to.deep.equal(['Ticket#', 'Age', 'Title']);
    expect($<HTMLSelectElement>(again, '.page-size select')!.value).to.equal('10');
    await settle();
  });
});
