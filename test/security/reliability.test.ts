import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerSearchDialog } from '../../src/components/customer-search-dialog/customer-search-dialog.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
} from '../../src/data/contract/errors.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, settle, text, until } from '../support/helpers.js';
import { inMemory, mangled, watchUnhandled } from '../support/hostile.js';
import { wrapCalls } from '../support/wrap-calls.js';


const errorText = (el: Element) => text($(el, '[part=error]'));
const retryButton = (el: Element) => $<HTMLButtonElement>(el, '[part=retry-button]');

describe('reliability', () => {
  before(() => setViewport({ width: 1400, height: 1200 }));
  beforeEach(() => localStorage.clear());

  describe('malformed answers end in the error state with Retry, never a stuck spinner', () => {
    const cases: { name: string; tag: string; method: string; answer: (real: unknown) => unknown; attrs?: string }[] = [
      { name: 'items: null', tag: 'ticket-list-widget', method: 'listTickets', answer: (r) => ({ ...(r as object), items: null }) },
      { name: 'a negative total', tag: 'ticket-list-widget', method: 'listTickets', answer: (r) => ({ ...(r as object), total: { value: -3, exact: true } }) },
      { name: 'a NaN count', tag: 'ticket-list-widget', method: 'listTickets', answer: (r) => ({ ...(r as object), counts: { 'my-locked': NaN, 'my-queues': 1, all: 2 } }) },
      { name: 'a company status of null', tag: 'company-status-widget', method: 'getCompanyStatus', answer: () => null },
      { name: 'a company status of {}', tag: 'company-status-widget', method: 'getCompanyStatus', answer: () => ({}) },
      { name: 'users: items a string', tag: 'customer-users-widget', method: 'listCustomerUsers', answer: (r) => ({ ...(r as object), items: 'anna' }) },
      { name: 'users: a NaN total', tag: 'customer-users-widget', method: 'listCustomerUsers', answer: (r) => ({ ...(r as object), total: { value: NaN, exact: true } }) },
      { name: 'a customer without id', tag: 'customer-information-widget', method: 'getCustomer', answer: () => ({ name: 'No id' }) },
    ];
    for (const { name, tag, method, answer } of cases) {
      it(`${tag}: ${name}`, async () => {
        const unhandled = watchUnhandled();
        try {
          const { source, heal } = mangled(method, answer);
          const element = Object.assign(document.createElement(tag), { dataSource: source, customerId: 'ACME', view: 'all' });
          const el = await fixture<HTMLElement>(html`${element}`);
          await until(() => $(el, '[part=error]'), `${tag} never showed an error`);
          expect(errorText(el)).to.contain('The data source answered something that cannot be shown.');
          heal();
          retryButton(el)!.click();
          await until(() => !$(el, '[part=error]') && !$(el, '[part=loading]'), 'Retry did not recover');
          expect(unhandled.seen).to.deep.equal([]);
        } finally {
          unhandled.stop();
        }
      });
    }

    it('a cursor that repeats ends paging', async () => {
      const source = wrapCalls(inMemory(), async ({ method, args, proceed }) => {
        const page = (await proceed()) as { nextCursor?: string };
        const asked = (args[1] as { page?: { cursor?: string } })?.page?.cursor;
        // A buggy backend: from the second page on, "next" is the page just asked for.
        return method === 'listTickets' && asked ? { ...page, nextCursor: asked } : page;
      });
      const el = await fixture<HTMLElement>(html`<ticket-list-widget view="all" customer-id="ACME"
        .dataSource=${source}></ticket-list-widget>`);
      await until(() => $(el, 'tbody tr'));
      $$<HTMLButtonElement>(el, '.pager button')[1].click();
      await until(() => text($(el, '.pager [aria-live]')).startsWith('11–'));
      expect($$<HTMLButtonElement>(el, '.pager button')[1].disabled, 'Next stays enabled forever').to.equal(true);
    });

    it('a total smaller than what was shown is left out of the range', async () => {
      const { source } = mangled('listTickets', (r) => ({ ...(r as object), total: { value: 3, exact: true } }));
      const el = await fixture<HTMLElement>(html`<ticket-list-widget view="all" customer-id="ACME"
        .dataSource=${source}></ticket-list-widget>`);
      await until(() => $(el, 'tbody tr'));
      expect(text($(el, '.pager [aria-live]'))).to.equal('1–10');
    });

    it('missing capabilities and a clock without a valid date still render', async () => {
      const inner = inMemory();
      const source = new Proxy(inner, {
        get: (target, key) =>
          key === 'capabilities' ? undefined : key === 'now' ? () => new Date('not a date') : Reflect.get(target, key, target),
      }) as DataSource;
      const unhandled = watchUnhandled();
      try {
        const center = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME"
          .dataSource=${source}></customer-information-center>`);
        await until(() => $$(center, '.card-body > *').length === 8);
        const list = $(center, '[data-widget="open-tickets"] ticket-list-widget')!;
        await until(() => $(list, 'tbody tr'));
        expect(text($(list, 'tbody .col-age'))).to.not.contain('Invalid');
        // Without declared capabilities the source cannot write: no Add button.
        const users = $(center, 'customer-users-widget')!;
        await until(() => $(users, 'tbody tr'));
        expectNone($(users, '[part=add-button]'));
        expect(unhandled.seen).to.deep.equal([]);
      } finally {
        unhandled.stop();
      }
    });
  });

  describe('rate limits', () => {
    // Not a finite positive number: a default of 5 s; a huge one: at most two minutes.
    for (const [retryAfter, wait] of [[0, '5 s'], [-5, '5 s'], [NaN, '5 s'], [Infinity, '5 s'], [1e12, '120 s']] as const) {
      it(`a retry-after of ${retryAfter} waits ${wait} and says so`, async () => {
        const spy = fixtureSource();
        spy.fail('getCompanyStatus', () => new RateLimitedError(retryAfter));
        const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
          .dataSource=${spy.source}></company-status-widget>`);
        await until(() => $(el, '[part=error]'));
        await settle(800);
        expect(spy.count('getCompanyStatus'), 'calls in 0.8 s').to.equal(1);
        expect(errorText(el)).to.contain(`Try again in ${wait}`);
      });
    }

    it('backs off when limited again and again', async () => {
      const spy = fixtureSource();
      spy.fail('getCompanyStatus', () => new RateLimitedError(1000));
      const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
        .dataSource=${spy.source}></company-status-widget>`);
      await until(() => $(el, '[part=error]'));
      expect(errorText(el)).to.contain('Try again in 1 s');
      await until(() => spy.count('getCompanyStatus') === 2, 'never retried');
      await until(() => errorText(el).includes('Try again in 2 s'), 'no back-off');
    });
  });

  describe('errors', () => {
    for (const [name, error, retry] of [
      ['forbidden', () => new ForbiddenError(), false],
      ['not found', () => new NotFoundError(), false],
      ['validation', () => new ValidationError({}), false],
      ['unavailable', () => new UnavailableError(), true],
    ] as const) {
      it(`${name}: ${retry ? 'offers' : 'offers no'} Retry`, async () => {
        const spy = fixtureSource();
        spy.fail('getCompanyStatus', error);
        const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
          .dataSource=${spy.source}></company-status-widget>`);
        await until(() => $(el, '[part=error]'));
        expect(!!retryButton(el)).to.equal(retry);
        await expect(el).to.be.accessible();
      });
    }

    it('a call that never answers times out with Retry', async () => {
      const spy = fixtureSource();
      const release = spy.hold('getCompanyStatus');
      const el = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME" request-timeout="300"
        .dataSource=${spy.source}></company-status-widget>`);
      const plain = document.createElement('company-status-widget') as HTMLElement & { effectiveRequestTimeout: number };
      expect(plain.effectiveRequestTimeout, 'the default').to.equal(30_000);
      await until(() => $(el, '[part=error]'), 'never timed out');
      expect(errorText(el)).to.contain('The request timed out.');
      release();
      retryButton(el)!.click();
      await until(() => $(el, 'dl'));
    });

    it('a ticket list in its error state shows no tab counts', async () => {
      const spy = fixtureSource();
      spy.fail('listTickets', () => new UnavailableError());
      const el = await fixture<HTMLElement>(html`<ticket-list-widget view="all" customer-id="ACME"
        .dataSource=${spy.source}></ticket-list-widget>`);
      await until(() => $(el, '[part=error]'));
      expect(text($(el, '[part=tabs]'))).to.not.contain('…');
      expect(text($(el, '#tab-all'))).to.equal('All tickets');
    });
  });

  describe('nothing of a previous subject is shown for the next', () => {
    it('the header shows the next id alone while the next customer loads', async () => {
      const spy = fixtureSource();
      const el = await fixture<HTMLElement & { customerId: string }>(html`<customer-information-center customer-id="ACME"
        .dataSource=${spy.source}></customer-information-center>`);
      await until(() => text($(el, '.header h1')) === 'Acme Corporation');
      spy.hold('getCustomer');
      el.customerId = 'Star*Corp';
      await settle(50);
      expect(text($(el, '.header h1'))).to.equal('Star*Corp');
      expect(text($(el, '.header'))).to.not.contain('Acme');
    });

    it('the customer-user center drops the previous user and company card while the next user loads', async () => {
      const spy = fixtureSource();
      const el = await fixture<HTMLElement & { customerUserLogin: string }>(html`<customer-user-information-center
        customer-user-login="anna" .dataSource=${spy.source}></customer-user-information-center>`);
      const companyCard = () => $(el, 'customer-information-widget')!;
      await until(() => text($(el, '.header h1')) === 'Anna Alder');
      await until(() => text(companyCard().shadowRoot).includes('Acme Corporation'));
      spy.hold('getCustomerUser');
      el.customerUserLogin = 'yamada';
      await settle(50);
      expect(text($(el, '.header h1'))).to.equal('yamada');
      expect(text(companyCard().shadowRoot)).to.not.contain('Acme');
    });

    it('a late answer for the previous customer never replaces the tab counts', async () => {
      const inner = inMemory();
      let lists = 0;
      const source = wrapCalls(inner, ({ method, args, proceed }) => {
        if (method !== 'listTickets' || lists++ > 0) return proceed();
        const [scope, options] = args as Parameters<DataSource['listTickets']>;
        // The first customer's list answers late, ignoring its abort.
        return new Promise((resolve) => setTimeout(() => resolve(inner.listTickets(scope, { ...options, signal: undefined })), 300));
      });
      const el = await fixture<HTMLElement & { customerId: string }>(html`<ticket-list-widget view="all" customer-id="ACME"
        .dataSource=${source}></ticket-list-widget>`);
      await until(() => lists === 1, 'the first customer was never asked for');
      el.customerId = 'Star*Corp';
      await until(() => text($(el, '#tab-all')) === 'All tickets (1)');
      await settle(400);
      // Any later render (a hover, a locale change…) must still show this customer's counts.
      (el as unknown as { requestUpdate(): void }).requestUpdate();
      await settle(20);
      expect(text($(el, '#tab-all'))).to.equal('All tickets (1)');
      expect(text($(el, '[part=tabs]'))).to.not.contain('…');
    });

    it('the users filter is cleared when the customer changes', async () => {
      const el = await fixture<HTMLElement & { customerId: string }>(html`<customer-users-widget customer-id="ACME"
        .dataSource=${fixtureSource().source}></customer-users-widget>`);
      await until(() => $(el, 'tbody tr'));
      const filter = $<HTMLInputElement>(el, '[part=filter]')!;
      filter.focus();
      await sendKeys({ type: 'zzz' });
      await until(() => $(el, '[part=empty]'));
      el.customerId = 'Star*Corp';
      await until(() => text($(el, 'tbody')).includes('yamada'), 'the next customer shows "None"');
      expect($<HTMLInputElement>(el, '[part=filter]')!.value).to.equal('');
    });

    it('keyboard selection in the search picks only results shown for the current term', async () => {
      const dialog = await fixture<CustomerSearchDialog>(html`<customer-search-dialog
        .dataSource=${fixtureSource().source}></customer-search-dialog>`);
      dialog.show();
      await dialog.updateComplete;
      const picked: unknown[] = [];
      dialog.addEventListener('customer-selected', (event) => picked.push(event.detail));
      $<HTMLInputElement>(dialog, '#customer-input')!.focus();
      await sendKeys({ type: 'acme' });
      await until(() => $$(dialog, '#customer-results [role=option]').length > 0);
      await sendKeys({ type: 'x' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await settle(400);
      expect(picked).to.deep.equal([]);
      dialog.close();
    });
  });

  describe('preferences', () => {
    it('a preference store that never answers: the default layout and the widgets\' defaults at once, a warning after the timeout, and the call aborted', async () => {
      const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, preferences: true });
      const signals: (AbortSignal | undefined)[] = [];
      inner.preferences!.get = (_key, options) => {
        signals.push(options?.signal);
        return new Promise(() => {});
      };
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
      try {
        const el = await fixture<HTMLElement>(html`<customer-information-center customer-id="ACME" request-timeout="300"
          .dataSource=${inner}></customer-information-center>`);
        expect($$(el, '.card').length, 'the default layout is not waited for').to.equal(8);
        // The widgets do not wait for their own settings (filters, page sizes) either: a spinner, then the defaults.
        const list = $(el, '[data-widget="open-tickets"] ticket-list-widget')!;
        await until(() => $(list, '[part=loading]'), 'no spinner while the settings were awaited');
        await until(() => $(list, 'tbody tr'), 'a widget waited for its settings');
        await until(() => warnings.some((w) => w.includes('could not read preference')));
        expect(signals.length).to.be.greaterThan(1);
        await until(() => signals.every((signal) => signal?.aborted));
      } finally {
        console.warn = warn;
      }
    });
  });

  describe('the customer-user form', () => {
    async function openAddForm(source: DataSource) {
      const el = await fixture<HTMLElement>(html`<customer-users-widget customer-id="ACME" request-timeout="400"
        .dataSource=${source}></customer-users-widget>`);
      await until(() => $(el, '[part=add-button]'));
      $<HTMLButtonElement>(el, '[part=add-button]')!.click();
      await until(() => $(el, 'customer-user-form'));
      const form = $(el, 'customer-user-form')!;
      const values = { firstName: 'Carla', lastName: 'Aaron', login: 'carla', email: 'carla@acme.example' };
      for (const [name, value] of Object.entries(values)) {
        const input = $<HTMLInputElement>(form, `#${name}`)!;
        input.value = value;
        input.dispatchEvent(new InputEvent('input'));
      }
      await settle(0);
      return { el, form };
    }

    it('a conflict on another field than login names that field', async () => {
      const spy = fixtureSource();
      spy.fail('createCustomerUser', () => new ConflictError('Email exists', 'email'));
      const { form } = await openAddForm(spy.source);
      $<HTMLButtonElement>(form, '[part=save-button]')!.click();
      await until(() => $(form, '#email-message'));
      expect(text($(form, '#email-message'))).to.equal('This email address is already in use.');
      expect(text(form.shadowRoot)).to.not.contain('login is already taken');
      expect($<HTMLInputElement>(form, '#login')!.value).to.equal('carla');
    });

    it('a save that never answers shows progress, is sent once, then times out keeping what was typed', async () => {
      const spy = fixtureSource();
      spy.hold('createCustomerUser');
      const { form } = await openAddForm(spy.source);
      $<HTMLButtonElement>(form, '[part=save-button]')!.click();
      await until(() => text($(form, '[part=status]')) === 'Saving…');
      $<HTMLButtonElement>(form, '[part=save-button]')!.click();
      $<HTMLInputElement>(form, '#login')!.focus();
      await sendKeys({ press: 'Enter' });
      await settle(50);
      expect(spy.count('createCustomerUser')).to.equal(1);
      await until(() => text(form.shadowRoot).includes('The request timed out.'), 'never timed out');
      expect($<HTMLInputElement>(form, '#firstName')!.value).to.equal('Carla');
      expect($<HTMLButtonElement>(form, '[part=save-button]')!.disabled).to.equal(false);
    });

    it('closes when the customer changes while it is open', async () => {
      const { el } = await openAddForm(fixtureSource().source);
      (el as HTMLElement & { customerId: string }).customerId = 'Star*Corp';
      await until(() => text($(el, 'tbody')).includes('yamada'));
      expectNone($(el, 'customer-user-form'));
    });
  });

  describe('links from data', () => {
    it('builds mailto and tel links only from plain values, encoded', async () => {
      const data = smallHelpdesk();
      Object.assign(data.customerUsers[0], { email: 'anna@acme.example', phone: '+49 (30) 1234-5', mobile: '0170 / 55 44' });
      Object.assign(data.customerUsers[1], { email: 'bob@acme.example?cc=evil@x.example&body=hi', phone: '123?x=1', mobile: 'call me' });
      const source = new InMemoryDataSource(data, { now: NOW });
      const hrefs = async (login: string) => {
        const el = await fixture<HTMLElement>(html`<customer-user-information-widget customer-user-login=${login}
          .dataSource=${source}></customer-user-information-widget>`);
        await until(() => $(el, 'dl'));
        return $$<HTMLAnchorElement>(el, 'a').map((a) => a.getAttribute('href'));
      };
      expect(await hrefs('anna')).to.deep.equal(['mailto:anna@acme.example', 'tel:+493012345', 'tel:01705544']);
      expect(await hrefs('bob')).to.deep.equal([]);
    });
  });
});
