import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/customer-health-widget/define.js';
import type { CustomerHealthWidget } from '../../src/components/customer-health-widget/customer-health-widget.js';
import { bandOf } from '../../src/components/customer-health-widget/customer-health-widget.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { HelpdeskData } from '../../src/data/contract/types.js';
import { at, NOW, smallHelpdesk, ticket } from '../support/fixtures.js';
import { $, $$, fixtureSource, text, untilLoaded } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

runWidgetSuite({
  tag: 'customer-health-widget',
  loadsWith: 'getCustomerHealth',
  subject: { 'customer-id': 'ACME' },
  emptySubject: { 'customer-id': 'NOBODY' },
  parts: ['gauge', 'score', 'trend', 'table'],
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
    await untilLoaded(el);
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
    await untilLoaded(el);
    expect($(el, '[part=score]')!.classList.contains('band-critical')).to.equal(true);
  });
});
