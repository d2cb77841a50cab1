import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { CustomerSearchDialog } from '../../src/components/customer-search-dialog/customer-search-dialog.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import { $, fixtureSource, settle, until } from '../support/helpers.js';

/** A source that never answers, and one that always fails. */
function stuck(): DataSource {
  const spy = fixtureSource();
  ['getCustomer', 'getCompanyStatus', 'listTickets', 'countTickets', 'listCustomerUsers', 'getCustomerUser'].forEach((m) => spy.hold(m));
  return spy.source;
}
function broken(): DataSource {
  const spy = fixtureSource();
  ['getCustomer', 'getCompanyStatus', 'listTickets', 'countTickets', 'listCustomerUsers', 'getCustomerUser'].forEach((m) =>
    spy.fail(m, () => new UnavailableError()),
  );
  return spy.source;
}

type Case = [name: string, render: (theme: string) => TemplateResult, ready: (el: HTMLElement) => unknown];

const loaded = (el: HTMLElement) => !el.shadowRoot!.querySelector('[part=loading]') && el.shadowRoot!.children.length > 1;
const cases: Case[] = [
  ['ticket list with data', (t) => html`<ticket-list-widget theme=${t} view="all" customer-id="ACME" .dataSource=${fixtureSource().source}></ticket-list-widget>`, (el) => $(el, 'table')],
  ['ticket list empty', (t) => html`<ticket-list-widget theme=${t} view="new" customer-id="NOBODY" .dataSource=${fixtureSource().source}></ticket-list-widget>`, (el) => $(el, '[part=empty]')],
  ['ticket list loading', (t) => html`<ticket-list-widget theme=${t} view="open" customer-id="ACME" .dataSource=${stuck()}></ticket-list-widget>`, (el) => $(el, '[part=loading]')],
  ['ticket list error', (t) => html`<ticket-list-widget theme=${t} view="open" customer-id="ACME" .dataSource=${broken()}></ticket-list-widget>`, (el) => $(el, '[part=error]')],
  ['company status', (t) => html`<company-status-widget theme=${t} customer-id="ACME" .dataSource=${fixtureSource().source}></company-status-widget>`, (el) => $(el, 'dl')],
  ['company status error', (t) => html`<company-status-widget theme=${t} customer-id="ACME" .dataSource=${broken()}></company-status-widget>`, (el) => $(el, '[part=error]')],
  ['customer users', (t) => html`<customer-users-widget theme=${t} customer-id="ACME" .dataSource=${fixtureSource().source}></customer-users-widget>`, (el) => $(el, 'table')],
  ['customer users loading', (t) => html`<customer-users-widget theme=${t} customer-id="ACME" .dataSource=${stuck()}></customer-users-widget>`, (el) => $(el, '[part=loading]')],
  ['customer information', (t) => html`<customer-information-widget theme=${t} customer-id="StarXCorp" .dataSource=${fixtureSource().source}></customer-information-widget>`, (el) => $(el, 'dl')],
  ['customer user information', (t) => html`<customer-user-information-widget theme=${t} customer-user-login="bob" .dataSource=${fixtureSource().source}></customer-user-information-widget>`, (el) => $(el, 'dl')],
  ['customer ids', (t) => html`<customer-ids-widget theme=${t} customer-user-login="bob" .dataSource=${fixtureSource().source}></customer-ids-widget>`, (el) => $(el, 'table')],
  ['ticket statistics', (t) => html`<ticket-statistics-widget theme=${t} customer-id="ACME" .dataSource=${fixtureSource().source}></ticket-statistics-widget>`, (el) => $(el, '[part=segment]')],
  ['ticket statistics as tables', (t) => html`<ticket-statistics-widget theme=${t} show-tables customer-id="ACME" .dataSource=${fixtureSource().source}></ticket-statistics-widget>`, (el) => $(el, '[part=table]')],
  ['customer health', (t) => html`<customer-health-widget theme=${t} customer-id="ACME" .dataSource=${fixtureSource().source}></customer-health-widget>`, (el) => $(el, '[part=gauge]')],
  ['recent tickets', (t) => html`<recent-tickets-widget theme=${t} customer-id="ACME" .dataSource=${fixtureSource().source}></recent-tickets-widget>`, (el) => $(el, '[part=list]')],
  ['history with tickets', (t) => html`<customer-history-widget theme=${t} include-tickets customer-id="ACME" .dataSource=${fixtureSource().source}></customer-history-widget>`, (el) => $(el, '[part=list]')],
  ['history empty', (t) => html`<customer-history-widget theme=${t} customer-id="NOBODY" .dataSource=${fixtureSource().source}></customer-history-widget>`, (el) => $(el, '[part=empty]')],
  ['settings expanded', (t) => html`<settings-widget theme=${t} expanded .entries=${[{ id: 'a', title: 'A', mandatory: true, visible: true }, { id: 'b', title: 'B', mandatory: false, visible: false }]}></settings-widget>`, (el) => $(el, 'form')],
  ['form with errors', (t) => html`<customer-user-form theme=${t} .dataSource=${fixtureSource().source}></customer-user-form>`, (el) => {
    if (!$(el, '[part=message]')) el.shadowRoot!.querySelector('form')!.requestSubmit();
    return $(el, '[part=message]');
  }],
  ['information center', (t) => html`<customer-information-center theme=${t} customer-id="ACME" .dataSource=${fixtureSource().source}></customer-information-center>`, (el) => $(el, '.card') && loaded(el)],
  ['information center loading', (t) => html`<customer-information-center theme=${t} customer-id="ACME" .dataSource=${stuck()}></customer-information-center>`, (el) => $(el, '.card')],
  ['customer user center', (t) => html`<customer-user-information-center theme=${t} customer-user-login="bob" .dataSource=${fixtureSource().source}></customer-user-information-center>`, (el) => $(el, '.card')],
  ['search dialog with results', (t) => html`<customer-search-dialog theme=${t} .dataSource=${fixtureSource().source}></customer-search-dialog>`, async (el) => {
    const dialog = el as CustomerSearchDialog;
    if (!dialog.open) {
      dialog.show();
      await dialog.updateComplete;
      const input = $<HTMLInputElement>(el, '#customer-input')!;
      input.value = 'acme';
      input.dispatchEvent(new InputEvent('input'));
    }
    return $(el, '[role=option]');
  }],
];

describe('accessibility in every state, light and dark', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());

  for (const theme of ['light', 'dark']) {
    for (const [name, render, ready] of cases) {
      it(`${name} (${theme})`, async () => {
        const wrapper = await fixture<HTMLDivElement>(html`<div style="background:${theme === 'dark' ? '#0d1117' : '#fff'}">${render(theme)}</div>`);
        const el = wrapper.firstElementChild as HTMLElement;
        await until(() => ready(el), `${name} never got ready`);
        await settle(150);
        await expect(el).to.be.accessible();
      });
    }
  }
});

describe('theming from the host page', () => {
  it('keeps dark mode dark when the host restyles light mode, and uses the page font', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--cic-color-surface-light: #fefefe; --cic-color-text-light: #101010; font-family: Georgia, serif">
      <company-status-widget theme="dark" customer-id="ACME" .dataSource=${fixtureSource().source}></company-status-widget>
      <company-status-widget theme="light" customer-id="ACME" .dataSource=${fixtureSource().source}></company-status-widget>
    </div>`);
    const [dark, light] = [...wrapper.querySelectorAll('company-status-widget')];
    await until(() => $(dark, 'dl') && $(light, 'dl'));
    expect(getComputedStyle(dark).backgroundColor).to.equal('rgb(22, 27, 34)');
    expect(getComputedStyle(dark).color).to.equal('rgb(230, 237, 243)');
    expect(getComputedStyle(light).backgroundColor).to.equal('rgb(254, 254, 254)');
    expect(getComputedStyle(light).color).to.equal('rgb(16, 16, 16)');
    expect(getComputedStyle(dark).fontFamily).to.equal('Georgia, serif');
    const custom = await fixture<HTMLElement>(html`<company-status-widget style="--cic-font-family: monospace" customer-id="ACME"
      .dataSource=${fixtureSource().source}></company-status-widget>`);
    expect(getComputedStyle(custom).fontFamily).to.equal('monospace');
  });
});
