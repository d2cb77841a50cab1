import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import { setLocale } from '../../src/internal/localize.js';
import { $, $$, fixtureSource, settle, until } from '../support/helpers.js';

describe('Lit dev mode', () => {
  it('logs no warnings while the centers load, change customer, locale and layout', async () => {
    await setViewport({ width: 1400, height: 1200 });
    localStorage.clear();
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (!text.includes('Lit is in dev mode')) warnings.push(text);
    };
    try {
      const el = await fixture<CustomerInformationCenter>(html`<customer-information-center customer-id="ACME"
        .dataSource=${fixtureSource().source}></customer-information-center>`);
      await until(() => $$(el, '.card').length === 8);
      await settle(200);
      el.customerId = 'Star*Corp';
      await setLocale('ja');
      $<HTMLButtonElement>(el, '[data-widget="new-tickets"] .close-button')!.click();
      $<HTMLButtonElement>(el, '[part=refresh-button]')!.click();
      await settle(300);
      const user = await fixture(html`<customer-user-information-center customer-user-login="bob"
        .dataSource=${fixtureSource().source}></customer-user-information-center>`);
      await until(() => $$(user, '.card').length === 9);
      await settle(300);
      expect(warnings).to.deep.equal([]);
    } finally {
      console.warn = warn;
      await setLocale('en');
    }
  });
});

describe('a data source given as an attribute', () => {
  it('warns once, naming the attribute and the fix for React and Vue', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      // What Vue's :data-source="ds" (without .prop) and React before registration leave behind.
      await fixture(html`<company-status-widget customer-id="ACME" data-source="[object Object]"></company-status-widget>`);
      await fixture(html`<ticket-list-widget customer-id="ACME" datasource="[object Object]"></ticket-list-widget>`);
      const ours = warnings.filter((w) => w.startsWith('[cic]'));
      expect(ours).to.have.length(1);
      expect(ours[0]).to.contain('data-source="[object Object]"').and.contain('dataSource property').and.contain(':dataSource.prop').and.contain('React');
    } finally {
      console.warn = warn;
    }
  });
});
