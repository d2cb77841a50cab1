import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import '../../src/components/ticket-statistics-widget/define.js';
import type { TicketStatisticsWidget } from '../../src/components/ticket-statistics-widget/ticket-statistics-widget.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { NOW, smallHelpdesk, ticket } from '../support/fixtures.js';
import { $, $$, fixtureSource, text, until, untilLoaded } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

runWidgetSuite({
  tag: 'ticket-statistics-widget',
  loadsWith: 'getTicketStatistics',
  subject: { 'customer-id': 'ACME' },
  emptySubject: { 'customer-id': 'NOBODY' },
  parts: ['summary', 'chart', 'segment', 'bar', 'toggle'],
});

describe('ticket-statistics-widget', () => {
  async function render(source: DataSource, customerId = 'ACME') {
    const el = await fixture<TicketStatisticsWidget>(html`<ticket-statistics-widget customer-id=${customerId} months="6"
      .dataSource=${source}></ticket-statistics-widget>`);
    await untilLoaded(el);
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

  it('draws no segment, and no tab stop, for a queue without tickets of that status', async () => {
    const data = smallHelpdesk();
    data.tickets = [
      ticket({ queueId: 'q1', state: 'open' }),
      ticket({ queueId: 'q1', state: 'open' }),
      ticket({ queueId: 'q2', state: 'closed successful', closedAt: '2026-02-02T00:00:00Z' }),
    ];
    const wrapper = await fixture<HTMLDivElement>(html`<div><button type="button">before</button>
      <ticket-statistics-widget customer-id="ACME" months="6" .dataSource=${new InMemoryDataSource(data, { now: NOW })}></ticket-statistics-widget></div>`);
    const el = wrapper.querySelector<TicketStatisticsWidget>('ticket-statistics-widget')!;
    await untilLoaded(el);
    wrapper.querySelector('button')!.focus();
    const stops: string[] = [];
    for (let press = 0; press < 10; press++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement;
      if (document.activeElement !== el || !active) break;
      if (active.matches('[part=segment]')) stops.push(active.getAttribute('aria-label')!);
    }
    expect(stops.map((label) => label.replace(/ \(.*/, ''))).to.deep.equal(['Support: 2', 'Sales: 1']);
    expect($$(el, '[part=segment]')).to.have.length(2);
  });

  it('shows the queues without a bar chart when the source sends no monthly series', async () => {
    const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW });
    const source: DataSource = Object.create(inner);
    source.getTicketStatistics = async (scope, options) => ({ ...(await inner.getTicketStatistics!(scope, options)), monthly: [] });
    const el = await render(source);
    expect($$(el, '[part=segment]').length).to.be.above(0);
    expect($(el, '.bars')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('makes segments real links when a URL template is set, named like the segment', async () => {
    const template = '/search?customer={customerId}&status={status}&queue={queueId}';
    const el = await fixture<TicketStatisticsWidget>(html`<ticket-statistics-widget customer-id="ACME" months="6"
      ticket-search-url-template=${template} .dataSource=${fixtureSource().source}></ticket-statistics-widget>`);
    await untilLoaded(el);
    const links = $$<SVGAElement>(el, '.donut a');
    expect(links.length).to.equal($$(el, '[part=segment]').length);
    const first = links[0];
    expect(first.getAttribute('href')).to.match(/^\/search\?customer=ACME&status=open&queue=q[12]$/);
    expect(first.getAttribute('aria-label')).to.match(/: \d+ \(\d+(\.\d+)?\s?%\)$/);
    // A pointer left over another segment by an earlier test would show that one instead.
    await resetMouse();
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
});
