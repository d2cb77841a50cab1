import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/components/recent-tickets-widget/define.js';
import '../../src/components/ticket-statistics-widget/define.js';
import '../../src/components/customer-health-widget/define.js';
import '../../src/components/customer-information-center/define.js';
import '../../src/components/customer-users-widget/define.js';
import '../../src/components/customer-user-information-center/define.js';
import '../../src/components/customer-history-widget/define.js';
import '../../src/components/customer-information-widget/define.js';
import type { RecentTicketsWidget } from '../../src/components/recent-tickets-widget/recent-tickets-widget.js';
import type { TicketStatisticsWidget } from '../../src/components/ticket-statistics-widget/ticket-statistics-widget.js';
import type { CustomerHealthWidget } from '../../src/components/customer-health-widget/customer-health-widget.js';
import { bandOf } from '../../src/components/customer-health-widget/customer-health-widget.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import { InMemoryDataSource } from '../../src/data/in-memory-data-source.js';
import { UnavailableError } from '../../src/data/errors.js';
import type { DataSource } from '../../src/data/data-source.js';
import type { HelpdeskData } from '../../src/data/types.js';
import { at, NOW, smallHelpdesk, ticket } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, text, until } from '../support/helpers.js';
import { spySource } from '../support/spy-source.js';

const loaded = (el: HTMLElement) => until(() => $(el, '[part~=list], [part~=summary], [part~=gauge], [part~=empty], [role=alert]'), 'never loaded');

describe('recent-tickets-widget', () => {
  /** ACME's tickets changed at different times: the most recent first. */
  function changingHelpdesk(): HelpdeskData {
    const data = smallHelpdesk();
    data.tickets = data.tickets.map((t, i) => ({ ...t, changedAt: at(-i * 3) }));
    return data;
  }

  async function render(source: DataSource, template = '') {
    const el = await fixture<RecentTicketsWidget>(html`<recent-tickets-widget customer-id="ACME" ticket-url-template=${template}
      .dataSource=${source}></recent-tickets-widget>`);
    await loaded(el);
    return el;
  }

  it('shows the five most recently changed tickets, newest first, from one call', async () => {
    const data = changingHelpdesk();
    const spy = spySource(new InMemoryDataSource(data, { now: NOW }));
    const el = await render(spy.source);
    const expected = data.tickets
      .filter((t) => t.customerId === 'ACME')
      .sort((a, b) => Date.parse(b.changedAt!) - Date.parse(a.changedAt!))
      .slice(0, 5)
      .map((t) => t.number);
    expect($$(el, '[part=ticket] .number').map(text)).to.deep.equal(expected);
    expect(spy.total()).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('fires ticket-selected when a ticket is activated with the keyboard', async () => {
    const el = await render(fixtureSource({}, changingHelpdesk()).source);
    $<HTMLButtonElement>(el, '[part=ticket-link]')!.focus();
    const selected = oneEvent(el, 'ticket-selected');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.ticketId).to.be.a('string');
  });

  it('links to the ticket with a URL template, and a cancelled event keeps the page', async () => {
    const el = await render(fixtureSource({}, changingHelpdesk()).source, '/ticket/{id}');
    const link = $<HTMLAnchorElement>(el, 'a[part=ticket-link]')!;
    expect(link.getAttribute('href')).to.match(/^\/ticket\/\d+$/);
    el.addEventListener('ticket-selected', (event) => event.preventDefault(), { once: true });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).to.equal(true);
  });

  it('says so when the customer has no tickets', async () => {
    const el = await fixture<RecentTicketsWidget>(html`<recent-tickets-widget customer-id="Star*Corp"
      .dataSource=${fixtureSource({}, { ...smallHelpdesk(), tickets: [] }).source}></recent-tickets-widget>`);
    await loaded(el);
    expect($(el, '[part=empty]')).to.exist;
  });

  it('shows loading, then an error with retry that recovers', async () => {
    const spy = fixtureSource();
    const release = spy.hold('listTickets');
    spy.fail('listTickets', () => new UnavailableError());
    const el = await fixture<RecentTicketsWidget>(html`<recent-tickets-widget customer-id="ACME" .dataSource=${spy.source}></recent-tickets-widget>`);
    await until(() => $(el, '[part=loading]'), 'no loading state');
    release();
    await until(() => $(el, '[role=alert]'), 'no error');
    spy.heal('listTickets');
    $<HTMLButtonElement>(el, '[part=retry-button]')!.click();
    await until(() => $$(el, '[part=ticket]').length === 5);
  });
});

describe('ticket-statistics-widget', () => {
  async function render(source: DataSource, customerId = 'ACME') {
    const el = await fixture<TicketStatisticsWidget>(html`<ticket-statistics-widget customer-id=${customerId} months="6"
      .dataSource=${source}></ticket-statistics-widget>`);
    await loaded(el);
    return el;
  }

  it('draws segments that add up to the open and closed counts, with a summary, from one call', async () => {
    const spy = fixtureSource();
    const el = await render(spy.source);
    const acme = smallHelpdesk().tickets.filter((t) => t.customerId === 'ACME');
    const closed = acme.filter((t) => ['closed successful', 'closed unsuccessful', 'merged'].includes(t.state)).length;
    const labels = $$(el, '[part=segment]').map((s) => s.getAttribute('aria-label')!);
    const counted = (chart: number) =>
      $$(el, '.donut')[chart].querySelectorAll('[part=segment]').length &&
      [...$$(el, '.donut')[chart].querySelectorAll('[part=segment]')].reduce((n, s) => n + Number(/: (\d+)/.exec(s.getAttribute('aria-label')!)![1]), 0);
    expect(counted(0)).to.equal(acme.length - closed);
    expect(counted(1)).to.equal(closed);
    expect(labels.some((l) => l.startsWith('Support:'))).to.equal(true);
    const shares = [...$$(el, '.donut')[0].querySelectorAll('[part=segment]')].map((s) => Number(s.getAttribute('stroke-dasharray')!.split(' ')[0]));
    expect(Math.round(shares.reduce((a, b) => a + b, 0))).to.equal(100);
    expect(text($(el, '[part=summary]'))).to.contain(`${acme.length - closed} open and ${closed} closed tickets in 2 queues`);
    expect($$(el, '[part~=created]')).to.have.length(6);
    expect(spy.total()).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('shows queue, count and share on focus, and asks for the queue\'s tickets with Enter', async () => {
    const el = await render(fixtureSource().source);
    const segment = $$<SVGCircleElement>(el, '[part=segment]')[0];
    segment.focus();
    await until(() => text($(el, '.active')).includes('%'));
    expect(text($(el, '.active'))).to.equal(segment.getAttribute('aria-label'));
    const requested = oneEvent(el, 'ticket-search-requested');
    await sendKeys({ press: 'Enter' });
    const { detail } = await requested;
    expect(detail).to.include({ customerId: 'ACME', status: 'open' });
    expect(detail.queueId).to.be.oneOf(['q1', 'q2']);
  });

  it('makes segments real links when a URL template is set, named like the segment', async () => {
    const template = '/search?customer={customerId}&status={status}&queue={queueId}';
    const el = await fixture<TicketStatisticsWidget>(html`<ticket-statistics-widget customer-id="ACME" months="6"
      ticket-search-url-template=${template} .dataSource=${fixtureSource().source}></ticket-statistics-widget>`);
    await loaded(el);
    const links = $$<SVGAElement>(el, '.donut a');
    expect(links.length).to.equal($$(el, '[part=segment]').length);
    const first = links[0];
    expect(first.getAttribute('href')).to.match(/^\/search\?customer=ACME&status=open&queue=q[12]$/);
    expect(first.getAttribute('aria-label')).to.match(/: \d+ \(\d+(\.\d+)?\s?%\)$/);
    first.focus();
    await until(() => text($(el, '.active')) === first.getAttribute('aria-label'));
    await expect(el).to.be.accessible();
  });

  it('offers the numbers as tables, whose rows add up the same', async () => {
    const el = await render(fixtureSource().source);
    $<HTMLButtonElement>(el, '[part=toggle]')!.click();
    await until(() => $$(el, '[part=table]').length === 2);
    expect($(el, '[part=toggle]')!.getAttribute('aria-pressed')).to.equal('true');
    const rows = [...$$(el, '[part=table]')[0].querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(text(td))));
    const total = rows.reduce((n, [open, closed]) => n + open + closed, 0);
    expect(total).to.equal(smallHelpdesk().tickets.filter((t) => t.customerId === 'ACME').length);
    expect($$(el, '[part=table]')[1].querySelectorAll('tbody tr')).to.have.length(6);
    await expect(el).to.be.accessible();
  });

  it('counts tickets created and closed per month', async () => {
    const data = smallHelpdesk();
    data.tickets = [
      ticket({ createdAt: '2026-01-10T00:00:00Z', state: 'open' }),
      ticket({ createdAt: '2026-01-11T00:00:00Z', state: 'closed successful', closedAt: '2026-02-02T00:00:00Z' }),
      ticket({ createdAt: '2026-03-01T00:00:00Z', state: 'new' }),
      ticket({ createdAt: '2025-01-01T00:00:00Z', state: 'open' }),
    ];
    const stats = await new InMemoryDataSource(data, { now: NOW }).getTicketStatistics({ customerId: 'ACME' }, { months: 3 });
    expect(stats.monthly).to.deep.equal([
      { year: 2026, month: 1, created: 2, closed: 0 },
      { year: 2026, month: 2, created: 0, closed: 1 },
      { year: 2026, month: 3, created: 1, closed: 0 },
    ]);
  });

  it('says so when there are no tickets, and shows an error with retry', async () => {
    const empty = await render(fixtureSource({}, { ...smallHelpdesk(), tickets: [] }).source, 'Star*Corp');
    expect($(empty, '[part=empty]')).to.exist;
    const spy = fixtureSource();
    spy.fail('getTicketStatistics', () => new UnavailableError());
    const el = await render(spy.source);
    expect($(el, '[role=alert]')).to.exist;
    spy.heal('getTicketStatistics');
    $<HTMLButtonElement>(el, '[part=retry-button]')!.click();
    await until(() => $(el, '[part=summary]'));
  });
});

describe('customer-health-widget', () => {
  it('computes a distress index as percentile ranks, by hand', async () => {
    // Three customers; A has the most of everything, C none: ranks 5/6, 3/6 (B), 1/6 (C) per input.
    const data: HelpdeskData = {
      customers: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      customerUsers: [],
      tickets: [
        ticket({ customerId: 'A', createdAt: at(-24 * 5), state: 'open' }),
        ticket({ customerId: 'A', createdAt: at(-24 * 4), state: 'open' }),
        ticket({ customerId: 'A', createdAt: at(-24 * 20), state: 'closed successful', closedAt: at(-24 * 2) }),
        ticket({ customerId: 'B', createdAt: at(-24 * 3), state: 'open' }),
        ticket({ customerId: 'B', createdAt: at(-24 * 2), state: 'closed successful', closedAt: at(-24 * 1) }),
      ],
    };
    const source = new InMemoryDataSource(data, { now: NOW });
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((id) => source.getCustomerHealth(id)));
    expect(a.factors.map((f) => f.percentile)).to.deep.equal([83, 83, 83, 83, 83]);
    expect(a.score).to.equal(83.3);
    expect(b.score).to.equal(50);
    expect(c.score).to.equal(16.7);
    expect(a.higherIsBetter).to.equal(false);
    expect(a.factors.find((f) => f.key === 'openTickets')!.value).to.equal(2);
    const weighted = await new InMemoryDataSource(data, { now: NOW, healthWeights: { tickets: 1, recentTickets: 0, openTickets: 0, openAge: 0, timeToClose: 0 } }).getCustomerHealth('B');
    expect(weighted.score).to.equal(50);
  });

  it('shows the score in its band, the direction, the trend and the factors, from one call', async () => {
    const spy = fixtureSource();
    const el = await fixture<CustomerHealthWidget>(html`<customer-health-widget customer-id="ACME" .dataSource=${spy.source}></customer-health-widget>`);
    await loaded(el);
    const health = await new InMemoryDataSource(smallHelpdesk(), { now: NOW }).getCustomerHealth('ACME');
    const gauge = $(el, '[part=gauge]')!;
    expect(gauge.getAttribute('role')).to.equal('meter');
    expect(Number(gauge.getAttribute('aria-valuenow'))).to.equal(health.score);
    expect(text($(el, '[part=score] strong'))).to.equal(String(Math.round(health.score)));
    expect(text($(el, '.direction'))).to.contain('higher is worse');
    expect($(el, '[part~=trend]')).to.exist;
    expect($$(el, '[part=table] tbody tr')).to.have.length(5);
    expect(spy.total()).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('puts scores in bands by the direction and the configured bounds', async () => {
    expect(bandOf(80, { warning: 50, critical: 75 }, false)).to.equal('critical');
    expect(bandOf(60, { warning: 50, critical: 75 }, false)).to.equal('warning');
    expect(bandOf(20, { warning: 50, critical: 75 }, false)).to.equal('good');
    expect(bandOf(20, { warning: 50, critical: 25 }, true)).to.equal('critical');
    const el = await fixture<CustomerHealthWidget>(html`<customer-health-widget customer-id="ACME" warning-at="0" critical-at="1"
      .dataSource=${fixtureSource().source}></customer-health-widget>`);
    await loaded(el);
    expect($(el, '[part=score]')!.classList.contains('band-critical')).to.equal(true);
  });

  it('shows an error with retry that recovers', async () => {
    const spy = fixtureSource();
    spy.fail('getCustomerHealth', () => new UnavailableError());
    const el = await fixture<CustomerHealthWidget>(html`<customer-health-widget customer-id="ACME" .dataSource=${spy.source}></customer-health-widget>`);
    await loaded(el);
    spy.heal('getCustomerHealth');
    $<HTMLButtonElement>(el, '[part=retry-button]')!.click();
    await until(() => $(el, '[part=gauge]'));
  });
});

describe('Customer 360 widgets in the center', () => {
  it('offers a widget only when the data source has its method, and costs one call per widget', async () => {
    const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    const spy = spySource(inner);
    localStorage.setItem('cic:layout:customer-information-center',
      JSON.stringify({ main: ['ticket-statistics', 'customer-history'], sidebar: ['recent-tickets', 'customer-health'], hidden: [] }));
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME" .dataSource=${spy.source}></customer-information-center>`);
    await until(() => $(el, '[data-widget=customer-health] customer-health-widget'), 'the health widget is not shown');
    const widgets = () => $$(el, '.card-body > *').filter((w) => w.localName !== 'settings-widget');
    await until(() => widgets().every((w) => !$(w, '[part=loading]') && w.shadowRoot!.childElementCount > 0), 'widgets never loaded');
    // Every widget but the settings asks once; the header shares the customer record with the information widget.
    const expected = { getTicketStatistics: 1, getCustomerHealth: 1, listCustomerHistory: 1, getCompanyStatus: 1, listCustomerUsers: 1, listTickets: 5, getCustomer: 1 };
    for (const [method, count] of Object.entries(expected)) expect(spy.count(method), method).to.equal(count);
    expect(widgets()).to.have.length(11);
    expect(spy.total(), 'no other call').to.equal(Object.values(expected).reduce((a, b) => a + b, 0) + spy.count('getCurrentAgent'));

    const withoutStatistics = Object.assign(Object.create(inner), { getTicketStatistics: undefined, getCustomerHealth: undefined }) as DataSource;
    el.dataSource = withoutStatistics;
    await until(() => !$(el, '[data-widget=ticket-statistics]'), 'the statistics widget stays');
    expectNone($(el, '[data-widget=customer-health]'), 'the health widget');
    localStorage.removeItem('cic:layout:customer-information-center');
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

describe('customer-history-widget', () => {
  /** ACME with seven notes a day apart (note 7 the newest). */
  function withHistory(): HelpdeskData {
    return {
      ...smallHelpdesk(),
      history: Array.from({ length: 7 }, (_, i) => ({
        id: `h${i + 1}`, customerId: 'ACME', at: at(-24 * (7 - i)), kind: 'note' as const, text: `Note ${i + 1}`, author: 'Mia Me',
      })),
    };
  }
  async function render(spy = fixtureSource({}, withHistory())) {
    const el = await fixture<HTMLElement>(html`<customer-history-widget customer-id="ACME" .dataSource=${spy.source}></customer-history-widget>`);
    await loaded(el);
    return { el, spy };
  }
  const texts = (el: HTMLElement) => $$(el, '[part=entry] .text').map(text);

  it('shows the last five entries, newest first, and pages to the rest', async () => {
    const { el, spy } = await render();
    expect(texts(el)).to.deep.equal(['Note 7', 'Note 6', 'Note 5', 'Note 4', 'Note 3']);
    expect(spy.total()).to.equal(1);
    await expect(el).to.be.accessible();
    [...$$<HTMLButtonElement>(el, '[part=pager] button')].find((b) => text(b) === 'Next page')!.click();
    await until(() => texts(el).join() === 'Note 2,Note 1');
  });

  it('mixes the ticket events in when asked, and loads again', async () => {
    const { el, spy } = await render();
    spy.reset();
    $<HTMLInputElement>(el, '[part=include-tickets] input')!.click();
    await until(() => $$(el, '.kind-ticket-created, .kind-ticket-closed').length > 0, 'no ticket events');
    expect(spy.calls.listCustomerHistory[0][1]).to.include({ includeTickets: true });
  });

  it('adds a note that shows at once, without loading the list again', async () => {
    const { el, spy } = await render();
    spy.reset();
    $<HTMLButtonElement>(el, '[part=add-button]')!.click();
    await until(() => $(el, '[part=note-input]'));
    await sendKeys({ type: 'Called about the renewal' });
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => texts(el)[0] === 'Called about the renewal', 'the note is not shown first');
    expect(spy.count('listCustomerHistory')).to.equal(0);
    expect(spy.count('addCustomerNote')).to.equal(1);
  });

  it('keeps the typed text and says why when a note cannot be saved', async () => {
    const { el, spy } = await render();
    $<HTMLButtonElement>(el, '[part=add-button]')!.click();
    await until(() => $(el, '[part=note-input]'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => text($(el, '[part=message]')) === 'This field is required.', 'no message for an empty note');
    await sendKeys({ type: 'Important' });
    spy.fail('addCustomerNote', () => new UnavailableError());
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => /unavailable/i.test(text($(el, '[part=message]'))), 'no message for a failed save');
    expect($<HTMLTextAreaElement>(el, '[part=note-input]')!.value).to.equal('Important');
    await expect(el).to.be.accessible();
  });

  it('offers no Add note when the source cannot write, and says so when there is no history', async () => {
    const { el } = await render(fixtureSource({ writable: false }, smallHelpdesk()));
    expectNone($(el, '[part=add-button]'), 'Add note');
    expect($(el, '[part=empty]')).to.exist;
  });
});

describe('custom fields in customer-information-widget', () => {
  async function render(spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { Tier: 'Gold', Region: 'EMEA' } }] })) {
    const el = await fixture<HTMLElement>(html`<customer-information-widget customer-id="ACME" .dataSource=${spy.source}></customer-information-widget>`);
    await until(() => $(el, 'dl'), 'never loaded');
    return { el, spy };
  }
  const input = (el: HTMLElement, index: number) => $$<HTMLInputElement>(el, '[part=fields-form] input')[index];
  /** Someone else changes ACME's fields, on the version they read. */
  async function changeElsewhere(spy: ReturnType<typeof fixtureSource>, customFields: Record<string, string>) {
    const { version } = (await spy.source.getCustomer('ACME'))!;
    await spy.source.updateCustomer!('ACME', { customFields, version });
  }

  it('edits the custom fields with Save, showing the saved values', async () => {
    const { el } = await render();
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 0));
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 0));
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Plus' });
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => !$(el, '[part=fields-form]'));
    expect(text($(el, 'dl'))).to.contain('Gold Plus');
    await expect(el).to.be.accessible();
  });

  it('shows what the source has after the next load, not the earlier save', async () => {
    const spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { Tier: 'Gold' } }] });
    const { el } = await render(spy);
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 0));
    input(el, 0).value = 'Platinum';
    input(el, 0).dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => text($(el, 'dl')).includes('Platinum'));
    await changeElsewhere(spy, { Tier: 'Silver' });
    const widget = el as HTMLElement & { customerId: string };
    widget.customerId = 'Star*Corp';
    await until(() => el.hidden, 'no other customer shown');
    widget.customerId = 'ACME';
    await until(() => text($(el, 'dl')).includes('Silver'), 'the earlier save still shows');
  });

  it('shows a field error beside the field, keeping what was typed', async () => {
    const { el } = await render();
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 1));
    input(el, 1).value = 'x'.repeat(300);
    input(el, 1).dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => input(el, 1).getAttribute('aria-invalid') === 'true');
    expect(text($(el, '#field-1-message'))).to.equal('This is too long.');
    expect(input(el, 1).value).to.have.length(300);
  });

  it('says the record changed, and reloads it keeping the typed values', async () => {
    const spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { Tier: 'Gold' } }] });
    const { el } = await render(spy);
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 0));
    await changeElsewhere(spy, { Tier: 'Silver' });
    input(el, 0).value = 'Platinum';
    input(el, 0).dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => $(el, '[part=reload-button]'), 'no conflict');
    $<HTMLButtonElement>(el, '[part=reload-button]')!.click();
    await until(() => input(el, 0) && !$(el, '[part=reload-button]'));
    expect(input(el, 0).value).to.equal('Platinum');
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => !$(el, '[part=fields-form]'), 'the save after the reload failed');
    expect(text($(el, 'dl'))).to.contain('Platinum');
  });

  it('offers no Edit when the source cannot change customers', async () => {
    const { el } = await render(fixtureSource({ writable: false }, { ...smallHelpdesk(), customers: [{ id: 'ACME', customFields: { Tier: 'Gold' } }] }));
    expectNone($(el, '[part=edit-button]'), 'Edit');
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
