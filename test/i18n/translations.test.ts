import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import { getLocale, missingTranslations, setLocale } from '../../src/internal/localize.js';
import { translations as de } from '../../src/locales/de.js';
import { translations as ja } from '../../src/locales/ja.js';
import { SOURCE_MESSAGES } from '../../src/locales/source-messages.js';
import { smallHelpdesk, ticket } from '../support/fixtures.js';
import { $, $$, fixtureSource, settle, text, until } from '../support/helpers.js';

const placeholders = (message: string) => (message.match(/\{\d+\}/g) ?? []).sort().join();
const titles = (el: Element) => $$(el, '.card-title').map((t) => text(t));

describe('translations', () => {
  for (const [locale, table] of [['de', de], ['ja', ja]] as const) {
    it(`${locale}: translates every source string, with the same placeholders, and nothing stale`, () => {
      const missing = SOURCE_MESSAGES.filter((source) => !table[source]?.trim());
      expect(missing, `untranslated in ${locale}`).to.deep.equal([]);
      const stale = Object.keys(table).filter((key) => !SOURCE_MESSAGES.includes(key));
      expect(stale, `stale in ${locale}`).to.deep.equal([]);
      const mismatched = SOURCE_MESSAGES.filter((source) => placeholders(source) !== placeholders(table[source]));
      expect(mismatched, `placeholders differ in ${locale}`).to.deep.equal([]);
    });
  }
});

describe('runtime locale switch', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());
  afterEach(() => setLocale('en'));

  async function renderCenter() {
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME"
      .dataSource=${fixtureSource().source}></customer-information-center>`);
    await until(() => titles(el).length === 8);
    return el;
  }

  it('switches every element to German and Japanese at runtime, with no string missing', async () => {
    const el = await renderCenter();
    expect(titles(el)).to.include('Escalated Tickets');
    await setLocale('de');
    await until(() => titles(el).includes('Eskalierte Tickets'));
    expect(titles(el)).to.include.members(['Kundenbenutzer', 'Firmenstatus', 'Kundeninformation', 'Erinnerungstickets']);
    const reminder = $(el, '[data-widget="reminder-tickets"] ticket-list-widget')!;
    await until(() => text(reminder.shadowRoot!.querySelector('[role=tab]')).startsWith('Meine gesperrten Tickets'));
    const age = text(reminder.shadowRoot!.querySelector('tbody td:nth-child(2)'));
    expect(age).to.match(/^vor /);
    await settle(100);
    expect([...(missingTranslations.get('de') ?? [])]).to.deep.equal([]);

    await setLocale('ja');
    await until(() => titles(el).includes('エスカレーションされたチケット'));
    expect(titles(el)).to.include('顧客ユーザー');
    expect(text($(el, '[part=search-button]'))).to.equal('顧客を検索');
    await settle(100);
    expect([...(missingTranslations.get('ja') ?? [])]).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('takes the locale from the container attribute; unknown locales fall back', async () => {
    const el = await renderCenter();
    el.locale = 'de-AT';
    await until(() => getLocale() === 'de');
    await until(() => titles(el).includes('Neue Tickets'));
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await setLocale('fr');
      expect(getLocale()).to.equal('en');
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('formats counts for the locale', async () => {
    const data = smallHelpdesk();
    data.tickets = Array.from({ length: 1234 }, () => ticket({ state: 'open' }));
    const status = await fixture<HTMLElement>(html`<company-status-widget customer-id="ACME"
      .dataSource=${fixtureSource({}, data).source}></company-status-widget>`);
    const all = () => text(status.shadowRoot!.querySelectorAll('dd')[3]);
    await until(() => all() === '1,234');
    await setLocale('de');
    await until(() => all() === '1.234');
  });
});
