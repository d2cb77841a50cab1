import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import type { TicketListWidget } from '../../src/components/ticket-list-widget/ticket-list-widget.js';
import type { PreferenceStore } from '../../src/data/contract/data-source.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import { $, $$, fixtureSource, settle, text, until } from '../support/helpers.js';
import type { spySource } from '../support/spy-source.js';
import { wrapCalls } from '../support/wrap-calls.js';

/**
 * Wraps the in-memory preference store of `spy`: counts reads per key, keeps their signals,
 * and holds the answers of `held` keys (or of every key, for `'*'`: what was stored when
 * asked) until `release()`; `hang` reads never answer.
 */
function watchStore(spy: ReturnType<typeof spySource>, options: { held?: string; hang?: boolean } = {}) {
  const store = spy.source.preferences as PreferenceStore;
  const get = store.get.bind(store);
  const reads: Record<string, number> = {};
  const signals: AbortSignal[] = [];
  const answers: Promise<unknown>[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  store.get = (key, callOptions) => {
    reads[key] = (reads[key] ?? 0) + 1;
    if (callOptions?.signal) signals.push(callOptions.signal);
    if (options.hang) return new Promise(() => {});
    const held = options.held === '*' || options.held === key;
    const value = get(key, callOptions);
    const answer = held ? gate.then(() => value) : value;
    answers.push(answer);
    return answer;
  };
  return { reads, signals, release, answered: () => Promise.all(answers) };
}

type Spy = ReturnType<typeof spySource>;

/** `spy`'s source, noting at each ticket listing whether a preference read had given up by then. */
function notingListings(spy: Spy, store: { signals: AbortSignal[] }) {
  const readsGivenUp: boolean[] = [];
  const source = wrapCalls(spy.source, ({ method, proceed }) => {
    if (method === 'listTickets') readsGivenUp.push(store.signals.some((signal) => signal.aborted));
    return proceed();
  });
  return { source, readsGivenUp };
}

/** Waits until the data source has had no call for a while: every widget has loaded. */
async function quiet(spy: Spy) {
  let last = -1;
  while (spy.total() !== last) {
    last = spy.total();
    await settle(150);
  }
}

const selectedTab = (el: TicketListWidget) => $(el, '[role=tab][aria-selected=true]')?.id;
const lastListing = (spy: Spy) => spy.calls.listTickets.at(-1)![1] as { filter: string; sort: { field: string; direction: string } };
const titles = (el: CustomerInformationCenter, region: 'main' | 'sidebar') =>
  $$(el, `[data-region=${region}] .card-title`).map((t) => text(t));

const STORED_SETTINGS = { filter: 'my-locked', columns: ['number', 'age', 'title'], pageSize: 10, sort: { field: 'number', direction: 'asc' } };

async function renderList(source: Spy['source']) {
  return fixture<TicketListWidget>(html`<ticket-list-widget view="open" customer-id="ACME" request-timeout="20000"
    .dataSource=${source}></ticket-list-widget>`);
}

describe('preferences: read once, in parallel with the data', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());

  describe('a store that never answers', () => {
    it('a widget shows its loading state, then its data with the default settings', async () => {
      const spy = fixtureSource({ preferences: true });
      const store = watchStore(spy, { hang: true });
      const { source, readsGivenUp } = notingListings(spy, store);
      const el = await renderList(source);
      expect($(el, '[part=loading]'), 'a spinner while the settings are awaited').to.exist;
      await until(() => $(el, 'tbody tr'), 'the widget waited for its settings');
      expect(selectedTab(el)).to.equal('tab-all');
      expect(lastListing(spy).filter).to.equal('all');
      expect(readsGivenUp, 'the data was asked for before the preference read gave up').to.deep.equal([false]);
    });

    it('a failing data source shows its error without waiting for the preference read', async () => {
      const spy = fixtureSource({ preferences: true });
      const store = watchStore(spy, { hang: true });
      const { source, readsGivenUp } = notingListings(spy, store);
      spy.fail('listTickets', () => new UnavailableError());
      const el = await renderList(source);
      await until(() => $(el, '[part=error]'), 'no error state');
      expect(text($(el, '[part=error]'))).to.include('unavailable');
      expect(store.signals.length).to.equal(1);
      expect(readsGivenUp, 'the failing call was made before the preference read gave up').to.deep.equal([false]);
    });

    it('in a center, a data source that also hangs ends in an error within one request timeout', async () => {
      const spy = fixtureSource({ preferences: true });
      const store = watchStore(spy, { hang: true });
      const { source, readsGivenUp } = notingListings(spy, store);
      const hold = spy.hold('listTickets');
      const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME"
        request-timeout="1000" .dataSource=${source}></customer-information-center>`);
      try {
        expect(titles(el, 'main'), 'the default layout at once').to.have.length(5);
        const list = $(el, '[data-widget="open-tickets"] ticket-list-widget')!;
        await until(() => $(list, '[part=loading]'), 'a blank card while the settings were awaited');
        await until(() => $(list, '[part=error]'), 'no error state', 30_000);
        expect(text($(list, '[part=error]'))).to.include('timed out');
        // Each list asked for its data before any preference read (layout, settings) gave up: one timeout, not three in a row.
        expect(readsGivenUp).to.have.length(4);
        expect(readsGivenUp.every((givenUp) => !givenUp)).to.equal(true);
        expect(store.signals.length).to.be.greaterThan(1);
      } finally {
        hold();
      }
    });
  });

  describe('a store that answers late', () => {
    it('applies the stored filter and sort when they come, if the agent changed nothing', async () => {
      const spy = fixtureSource({ preferences: true });
      await spy.source.preferences!.set('ticket-list:open', STORED_SETTINGS);
      const store = watchStore(spy, { held: '*' });
      const el = await renderList(spy.source);
      await until(() => $(el, 'tbody tr'), 'the widget waited for its settings');
      expect(selectedTab(el)).to.equal('tab-all');
      store.release();
      await until(() => selectedTab(el) === 'tab-my-locked', 'the stored filter was not applied');
      await until(() => lastListing(spy).filter === 'my-locked' && $(el, 'tbody tr'));
      expect(lastListing(spy).sort).to.deep.equal(STORED_SETTINGS.sort);
      expect($(el, 'th[aria-sort=ascending]')?.textContent).to.include('Ticket#');
    });

    it('ignores them if the agent changed the filter first', async () => {
      const spy = fixtureSource({ preferences: true });
      await spy.source.preferences!.set('ticket-list:open', STORED_SETTINGS);
      const store = watchStore(spy, { held: '*' });
      const el = await renderList(spy.source);
      await until(() => $(el, 'tbody tr'), 'the widget waited for its settings');
      $<HTMLButtonElement>(el, '#tab-my-queues')!.click();
      await until(() => lastListing(spy).filter === 'my-queues');
      const listings = spy.count('listTickets');
      store.release();
      await store.answered();
      await settle(50);
      expect(selectedTab(el)).to.equal('tab-my-queues');
      expect(spy.count('listTickets'), 'nothing loaded for the stored settings').to.equal(listings);
      expect(lastListing(spy).sort).to.deep.equal({ field: 'age', direction: 'desc' });
    });
  });

  for (const [tag, subject, whom, userLists] of [
    ['customer-information-center', 'customerId', 'ACME', false],
    ['customer-user-information-center', 'customerUserLogin', 'bob', true],
  ] as const) {
    it(`an empty ${tag} reads its widgets' preferences with its layout; opening someone then reads none`, async () => {
      const spy = fixtureSource({ preferences: true });
      const store = watchStore(spy);
      const el = Object.assign(document.createElement(tag), { dataSource: spy.source });
      (await fixture<HTMLElement>(html`<div></div>`)).append(el);
      await until(() => store.reads[`layout:${tag}`] === 1, 'the layout was not read');
      await store.answered();
      const readBeforeOpening = { ...store.reads };
      const listKey = userLists ? 'ticket-list:user:open' : 'ticket-list:open';
      expect(Object.keys(readBeforeOpening)).to.include(listKey);

      Object.assign(el, { [subject]: whom });
      const list = () => $(el, '[data-widget="open-tickets"] ticket-list-widget');
      await until(() => list() && ($(list()!, 'table') ?? $(list()!, '[part=empty]')), 'the list never loaded');
      await quiet(spy);
      expect(store.reads, 'every key read once, before the open').to.deep.equal(readBeforeOpening);
    });
  }

  it('a center open reads each key once; a second center on the same source reads nothing; another source reads again', async () => {
    const spy = fixtureSource({ preferences: true });
    const store = watchStore(spy);
    const first = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME"
      .dataSource=${spy.source}></customer-information-center>`);
    await until(() => $(first, '[data-widget="open-tickets"] ticket-list-widget >>> tbody tr'));
    await quiet(spy);
    const keys = Object.keys(store.reads);
    expect(keys).to.include.members(['layout:customer-information-center', 'customer-users:page-size', 'ticket-list:open', 'ticket-list:new']);
    expect(Object.values(store.reads).every((count) => count === 1), JSON.stringify(store.reads)).to.equal(true);

    const second = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="Star*Corp"
      .dataSource=${spy.source}></customer-information-center>`);
    const list = $(second, '[data-widget="open-tickets"] ticket-list-widget')!;
    await until(() => $(list, 'table') ?? $(list, '[part=empty]'), 'the second center never listed');
    await quiet(spy);
    expect(Object.values(store.reads).every((count) => count === 1), JSON.stringify(store.reads)).to.equal(true);

    const other = fixtureSource({ preferences: true });
    const otherStore = watchStore(other);
    second.dataSource = other.source;
    await until(() => otherStore.reads['ticket-list:open'] === 1, 'a new source was not asked');
  });

  describe("the center's layout from a slow store", () => {
    const STORED_LAYOUT = {
      main: ['open-tickets', 'customer-users', 'reminder-tickets', 'escalated-tickets'],
      sidebar: ['company-status', 'settings', 'customer-information'],
      hidden: ['new-tickets'],
    };

    async function renderHeld() {
      const spy = fixtureSource({ preferences: true });
      await spy.source.preferences!.set('layout:customer-information-center', STORED_LAYOUT);
      const store = watchStore(spy, { held: 'layout:customer-information-center' });
      const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME"
        .dataSource=${spy.source}></customer-information-center>`);
      expect(titles(el, 'main'), 'the default layout at once').to.deep.equal([
        'Customer Users', 'Reminder Tickets', 'Escalated Tickets', 'New Tickets', 'Open Tickets',
      ]);
      await until(() => $(el, '[data-widget="open-tickets"] ticket-list-widget >>> tbody tr'));
      await quiet(spy);
      return { spy, store, el };
    }

    it('is applied when it comes, moving the widgets without loading them again', async () => {
      const { spy, store, el } = await renderHeld();
      const openTickets = $(el, '[data-widget="open-tickets"] ticket-list-widget');
      const calls = spy.total();
      store.release();
      await until(() => titles(el, 'main')[0] === 'Open Tickets', 'the stored layout was not applied');
      expect(titles(el, 'main')).to.deep.equal(['Open Tickets', 'Customer Users', 'Reminder Tickets', 'Escalated Tickets']);
      expect(titles(el, 'sidebar')).to.deep.equal(['Company Status', 'Settings', 'Customer Information']);
      await quiet(spy);
      expect($(el, '[data-widget="open-tickets"] ticket-list-widget'), 'the same element, moved').to.equal(openTickets);
      expect($(openTickets!, 'tbody tr')).to.exist;
      expect(spy.total(), 'a moved widget loaded again').to.equal(calls);
    });

    it('is ignored if the agent moved a widget first', async () => {
      const { store, el } = await renderHeld();
      $<HTMLButtonElement>(el, '[data-widget="open-tickets"] .drag-handle')!.focus();
      await sendKeys({ press: 'ArrowUp' });
      const moved = ['Customer Users', 'Reminder Tickets', 'Escalated Tickets', 'Open Tickets', 'New Tickets'];
      await until(() => titles(el, 'main').join() === moved.join());
      store.release();
      await store.answered();
      await settle(50);
      expect(titles(el, 'main')).to.deep.equal(moved);
    });
  });
});
