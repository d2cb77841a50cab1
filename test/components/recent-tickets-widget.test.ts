import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/recent-tickets-widget/define.js';
import type { RecentTicketsWidget } from '../../src/components/recent-tickets-widget/recent-tickets-widget.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import type { HelpdeskData } from '../../src/data/contract/types.js';
import { at, NOW, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, fixtureSource, text, untilLoaded } from '../support/helpers.js';
import { spySource } from '../support/spy-source.js';
import { runWidgetSuite } from '../support/widget-suite.js';

runWidgetSuite({
  tag: 'recent-tickets-widget',
  loadsWith: 'listTickets',
  subject: { 'customer-id': 'ACME' },
  emptySubject: { 'customer-id': 'NOBODY' },
  parts: ['list', 'ticket', 'ticket-link'],
});

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
    await untilLoaded(el);
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
});
