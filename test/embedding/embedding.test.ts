import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import { $, fixtureSource, until } from '../support/helpers.js';

describe('embedding: styling widgets inside a center with ::part', () => {
  it('exports every widget part as itself and prefixed with the widget id', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <style>
        customer-information-center::part(open-tickets-table) { outline: 3px solid rgb(255, 0, 0); }
        customer-information-center::part(count) { color: rgb(0, 128, 0); }
      </style>
      <customer-information-center customer-id="ACME" .dataSource=${fixtureSource().source}></customer-information-center>
    </div>`);
    const center = wrapper.querySelector<CustomerInformationCenter>('customer-information-center')!;
    const table = (id: string) => $(center, `[data-widget=${id}] ticket-list-widget >>> [part=table]`);
    await until(() => table('open-tickets') && table('new-tickets') && $(center, 'company-status-widget >>> [part=count]'), 'widgets never loaded');
    expect(getComputedStyle(table('open-tickets')!).outlineColor).to.equal('rgb(255, 0, 0)');
    expect(getComputedStyle(table('new-tickets')!).outlineStyle).to.equal('none');
    expect(getComputedStyle($(center, 'company-status-widget >>> [part=count]')!).color).to.equal('rgb(0, 128, 0)');
  });

  it('exports a part that first renders later (an error after a failed call), prefixed too', async () => {
    const spy = fixtureSource();
    spy.fail('getCompanyStatus', () => new UnavailableError());
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <style>customer-information-center::part(company-status-error) { outline: 3px solid rgb(255, 0, 0); }</style>
      <customer-information-center customer-id="ACME" .dataSource=${spy.source}></customer-information-center>
    </div>`);
    const center = wrapper.querySelector<CustomerInformationCenter>('customer-information-center')!;
    const error = () => $(center, '[data-widget=company-status] company-status-widget >>> [part=error]');
    await until(error, 'the failed call shows no error');
    await until(() => getComputedStyle(error()!).outlineColor === 'rgb(255, 0, 0)', 'the error part is not exported with its prefix');
    const otherError = $(center, '[data-widget=customer-information] customer-information-widget >>> [part=error]');
    expect(otherError, 'only the failing widget shows an error').to.equal(null);
  });
});
