import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import { generateDemoData } from '../../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import type { HelpdeskData } from '../../src/data/contract/types.js';
import { NOW } from '../support/fixtures.js';
import { $, $$, settle, until } from '../support/helpers.js';

const LONG = 'Ünïcödé-long '.repeat(800); // ~10,000 characters
const NO_BREAK = 'x'.repeat(10_000);
const EMOJI_RTL = '🚀👩‍💻 שלום עולם مرحبا بالعالم 🎉';

/** Records whose optional fields are missing, null, empty, huge, emoji or right-to-left. */
function oddShapes(): HelpdeskData {
  const odd = [undefined, null, '', LONG, NO_BREAK, EMOJI_RTL] as unknown as string[];
  return {
    customers: [{ id: 'ODD', name: EMOJI_RTL, url: LONG, comment: NO_BREAK, customFields: { [LONG]: EMOJI_RTL } }],
    customerUsers: odd.map((value, i) => ({
      login: `odd${i}`, customerId: 'ODD', firstName: value, lastName: value, email: value, phone: value,
      secondaryCustomerIds: i === 1 ? (null as unknown as string[]) : undefined,
    })),
    tickets: odd.flatMap((value, i) =>
      ['new', 'open', 'pending reminder', value].map((state, j) => ({
        id: `t${i}-${j}`, number: value ?? `n${i}${j}`, title: value, customerId: 'ODD', customerUserLogin: `odd${i}`,
        state, createdAt: value, changedAt: value, pendingUntil: value, escalationAt: value,
        priority: value as unknown as number, queueId: value, ownerId: value,
      })),
    ) as unknown as HelpdeskData['tickets'],
  };
}

const allWidgets = (center: Element) => $$(center, '.card-body > *');

describe('hostile shapes', () => {
  before(() => setViewport({ width: 1200, height: 1000 }));
  beforeEach(() => localStorage.clear());

  it('renders missing, null, empty, huge, emoji and RTL values without throwing, and stays in its box', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const source = new InMemoryDataSource(oddShapes(), { now: NOW });
      const center = await fixture<HTMLElement>(html`<div style="inline-size: 1100px">
        <customer-information-center customer-id="ODD" .dataSource=${source}></customer-information-center>
      </div>`);
      const el = center.firstElementChild as HTMLElement;
      await until(() => allWidgets(el).length === 8);
      await until(() => allWidgets(el).every((w) => !w.shadowRoot?.querySelector('[part=loading]')), 'still loading');
      await settle(200);
      expect(allWidgets(el).filter((w) => w.shadowRoot?.querySelector('[part=error]')).map((w) => w.localName)).to.deep.equal([]);
      // Nothing pushes the layout wider than the page: long text wraps or is clipped.
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
      for (const card of $$(el, '.card')) {
        expect(card.getBoundingClientRect().right, card.getAttribute('data-widget')!).to.be.at.most(el.getBoundingClientRect().right + 1);
      }
      // A clipped ticket title keeps the whole text in a tooltip.
      const list = $(el, '[data-widget="open-tickets"] ticket-list-widget')!;
      const titles = [...list.shadowRoot!.querySelectorAll('.col-title .text')].map((t) => t.getAttribute('title'));
      expect(titles).to.include(LONG);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('copes with a customer of 0 and one of 100,000 tickets', async () => {
    const data = generateDemoData({ customers: 5, customerUsers: 50, tickets: 100_000, largeCustomerShare: 1 });
    const source = new InMemoryDataSource(data, { now: new Date('2026-06-01T09:00:00Z'), currentAgentId: 'agent-1' });
    const big = await fixture<HTMLElement>(html`<customer-information-center customer-id="BIGCORP"
      .dataSource=${source}></customer-information-center>`);
    await until(() => allWidgets(big).length === 8);
    await until(() => allWidgets(big).every((w) => !w.shadowRoot?.querySelector('[part=loading]')), 'still loading', 10_000);
    const status = $(big, 'company-status-widget')!;
    expect(status.shadowRoot!.querySelectorAll('dd')[3].textContent!.trim()).to.equal('100,000');
    const open = $(big, '[data-widget="open-tickets"] ticket-list-widget')!;
    expect(open.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(10);

    const empty = await fixture<HTMLElement>(html`<customer-information-center customer-id="NOTHING-HERE"
      .dataSource=${source}></customer-information-center>`);
    await until(() => allWidgets(empty).length === 8);
    // The four ticket lists, the customer users and the company status: nothing to show.
    await until(() => allWidgets(empty).filter((w) => w.shadowRoot?.querySelector('[part=empty]')).length === 6, 'no empty states');
  });
});
