import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/company-status-widget/define.js';
import type { CompanyStatusWidget } from '../../src/components/company-status-widget/company-status-widget.js';
import { OPS_I_STATE_MAPPING } from '../../src/data/rules/state-mapping.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { NOW, smallHelpdesk, ticket } from '../support/fixtures.js';
import { $, $$, fixtureSource, text, until } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

const rows = (el: CompanyStatusWidget) =>
  Object.fromEntries($$(el, 'dl:first-of-type dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));

async function renderStatus(source: DataSource, customerId = 'ACME', template = '') {
  const el = await fixture<CompanyStatusWidget>(html`<company-status-widget customer-id=${customerId}
    ticket-search-url-template=${template} .dataSource=${source}></company-status-widget>`);
  await until(() => $(el, 'dl') || $(el, '[role=alert]'), 'never loaded');
  return el;
}

runWidgetSuite({
  tag: 'company-status-widget',
  loadsWith: 'getCompanyStatus',
  subject: { 'customer-id': 'ACME' },
  emptySubject: { 'customer-id': 'NOBODY' },
  parts: ['count'],
});

describe('company-status-widget', () => {
  it('shows escalated, open, closed and all counts from one call', async () => {
    const spy = fixtureSource();
    const el = await renderStatus(spy.source);
    const acme = smallHelpdesk().tickets.filter((t) => t.customerId === 'ACME');
    const closedStates = ['closed successful', 'closed unsuccessful', 'merged', 'removed'];
    const closed = acme.filter((t) => closedStates.includes(t.state)).length;
    const escalated = acme.filter((t) => !closedStates.includes(t.state) && t.escalationAt && Date.parse(t.escalationAt) <= NOW.getTime()).length;
    expect(rows(el)).to.deep.equal({
      'Escalated tickets': String(escalated),
      'Open tickets': String(acme.length - closed),
      'Closed tickets': String(closed),
      'All tickets': String(acme.length),
    });
    expect(spy.total()).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('fires ticket-search-requested with the criteria of a count', async () => {
    const el = await renderStatus(fixtureSource().source);
    const requested = oneEvent(el, 'ticket-search-requested');
    $$<HTMLButtonElement>(el, 'dd button')[1].click();
    const event = await requested;
    expect(event.detail).to.deep.equal({ customerId: 'ACME', status: 'open' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('follows a URL template instead, with the values encoded', async () => {
    const customerId = 'ACME (Europe) & Co. 100%+';
    const data = { ...smallHelpdesk(), tickets: [ticket({ customerId })] };
    const el = await renderStatus(fixtureSource({}, data).source, customerId, '/search?customer={customerId}&status={status}');
    const href = $$<HTMLAnchorElement>(el, 'dd a')[0].getAttribute('href');
    expect(href).to.equal(`/search?customer=${encodeURIComponent(customerId)}&status=escalated`);
  });

  it('counts another vocabulary correctly once its mapping is configured', async () => {
    const data = { ...smallHelpdesk(), tickets: ['planning', 'in_progress', 'pending', 'completed', 'cancelled'].map((state) => ticket({ state })) };
    const el = await renderStatus(fixtureSource({ stateMapping: OPS_I_STATE_MAPPING }, data).source);
    expect(rows(el)).to.include({ 'Open tickets': '3', 'Closed tickets': '2', 'All tickets': '5' });
  });
});
