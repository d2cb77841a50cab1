import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/customer-information-widget/define.js';
import type { CustomerInformationWidget } from '../../src/components/customer-information-widget/customer-information-widget.js';
import { TimeoutError } from '../../src/data/errors.js';
import type { DataSource } from '../../src/data/data-source.js';
import { smallHelpdesk } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, settle, text, until } from '../support/helpers.js';

const details = (el: Element) => Object.fromEntries($$(el, 'dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));

async function renderInfo(source: DataSource, customerId = 'ACME') {
  const el = await fixture<CustomerInformationWidget>(html`<customer-information-widget customer-id=${customerId}
    .dataSource=${source}></customer-information-widget>`);
  await until(() => $(el, 'dl') || $(el, '[role=alert]') || el.hidden, 'never loaded');
  return el;
}

describe('customer-information-widget', () => {
  it('shows the record with a safe link that opens a new tab', async () => {
    const el = await renderInfo(fixtureSource().source);
    expect(details(el)).to.deep.equal({ Name: 'Acme Corporation', 'Customer ID': 'ACME', Address: 'Berlin', URL: 'https://acme.example' });
    const link = $<HTMLAnchorElement>(el, 'a')!;
    expect(link.href).to.equal('https://acme.example/');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
  });

  it('marks an invalid customer and shows comment and custom fields', async () => {
    const data = smallHelpdesk();
    Object.assign(data.customers[3], { comment: 'Moved away', customFields: { Segment: 'SMB' } });
    const el = await renderInfo(fixtureSource({}, data).source, 'StarXCorp');
    expect(text($(el, '[part=invalid]'))).to.equal('Invalid');
    expect(details(el)).to.include({ Comment: 'Moved away', Segment: 'SMB' });
  });

  it('never makes a link of an unsafe URL', async () => {
    const data = smallHelpdesk();
    data.customers[0].url = 'javascript:alert(1)';
    const el = await renderInfo(fixtureSource({}, data).source);
    expectNone($(el, 'a'));
    expect(details(el).URL).to.equal('javascript:alert(1)');
    data.customers[0].url = 'ftp://files.example';
    const other = await renderInfo(fixtureSource({}, data).source);
    expectNone($(other, 'a'));
  });

  it('hides itself for a customer without a record', async () => {
    const el = await renderInfo(fixtureSource().source, 'GHOST-1');
    expect(el.hidden).to.equal(true);
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('shows an error with retry that recovers', async () => {
    const spy = fixtureSource();
    spy.fail('getCustomer', () => new TimeoutError());
    const el = await renderInfo(spy.source);
    expect(text($(el, '[role=alert]'))).to.contain('The request timed out.');
    spy.heal('getCustomer');
    $<HTMLButtonElement>(el, '[part=retry-button]')!.click();
    await until(() => details(el).Name === 'Acme Corporation');
    await settle();
  });
});
