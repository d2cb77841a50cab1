import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-information-widget/define.js';
import type { CustomerInformationWidget } from '../../src/components/customer-information-widget/customer-information-widget.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import { smallHelpdesk } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, text, until } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

const details = (el: Element) => Object.fromEntries($$(el, 'dt').map((dt) => [text(dt), text(dt.nextElementSibling)]));

async function renderInfo(source: DataSource, customerId = 'ACME') {
  const el = await fixture<CustomerInformationWidget>(html`<customer-information-widget customer-id=${customerId}
    .dataSource=${source}></customer-information-widget>`);
  await until(() => $(el, 'dl') || $(el, '[role=alert]') || el.hidden, 'never loaded');
  return el;
}

runWidgetSuite({
  tag: 'customer-information-widget',
  loadsWith: 'getCustomer',
  subject: { 'customer-id': 'ACME' },
  parts: ['fields', 'url'],
});

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
});

describe('custom fields in customer-information-widget', () => {
  async function render(spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { Tier: 'Gold', Region: 'EMEA' } }] })) {
    const el = await fixture<HTMLElement>(html`<customer-information-widget customer-id="ACME" .dataSource=${spy.source}></customer-information-widget>`);
    await until(() => $(el, 'dl'), 'never loaded');
    return { el, spy };
  }
  const input = (el: HTMLElement, index: number) => $$<HTMLInputElement>(el, '[part=fields-form] input')[index];
  /** Someone else changes ACME's fields, on the version they read. */
  async function changeElsewhere(spy: ReturnType<typeof fixtureSource>, customFields: Record<string, string>) {
    const { version } = (await spy.source.getCustomer('ACME'))!;
    await spy.source.updateCustomer!('ACME', { customFields, version });
  }

  it('edits the custom fields with Save, showing the saved values', async () => {
    const { el } = await render();
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 0));
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 0));
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Plus' });
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => !$(el, '[part=fields-form]'));
    expect(text($(el, 'dl'))).to.contain('Gold Plus');
    await expect(el).to.be.accessible();
  });

  it('shows what the source has after the next load, not the earlier save', async () => {
    const spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { Tier: 'Gold' } }] });
    const { el } = await render(spy);
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 0));
    input(el, 0).value = 'Platinum';
    input(el, 0).dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => text($(el, 'dl')).includes('Platinum'));
    await changeElsewhere(spy, { Tier: 'Silver' });
    const widget = el as HTMLElement & { customerId: string };
    widget.customerId = 'Star*Corp';
    await until(() => el.hidden, 'no other customer shown');
    widget.customerId = 'ACME';
    await until(() => text($(el, 'dl')).includes('Silver'), 'the earlier save still shows');
  });

  it('shows a field error beside the field, keeping what was typed', async () => {
    const { el } = await render();
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 1));
    input(el, 1).value = 'x'.repeat(300);
    input(el, 1).dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => input(el, 1).getAttribute('aria-invalid') === 'true');
    expect(text($(el, '#field-1-message'))).to.equal('This is too long.');
    expect(input(el, 1).value).to.have.length(300);
  });

  it('shows a failed save\'s message when a field is named like a property of every object (constructor, toString)', async () => {
    const spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { constructor: 'c', toString: 't', Tier: 'Gold' } }] });
    spy.source.updateCustomer = async () => {
      throw new UnavailableError('The database is not available');
    };
    const { el } = await render(spy);
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 2));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => $(el, '[part=fields-form] [role=alert]'), 'no message for the failed save');
    expect(text($(el, '[part=fields-form] [role=alert]'))).to.contain('unavailable');
    expect($$<HTMLInputElement>(el, '[part=fields-form] input').map((each) => each.getAttribute('aria-invalid'))).to.deep.equal(['false', 'false', 'false']);
    expect(input(el, 0).value).to.equal('c');
  });

  it('says the record changed, and reloads it keeping the typed values', async () => {
    const spy = fixtureSource({}, { ...smallHelpdesk(), customers: [{ id: 'ACME', name: 'Acme', customFields: { Tier: 'Gold' } }] });
    const { el } = await render(spy);
    $<HTMLButtonElement>(el, '[part=edit-button]')!.click();
    await until(() => input(el, 0));
    await changeElsewhere(spy, { Tier: 'Silver' });
    input(el, 0).value = 'Platinum';
    input(el, 0).dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => $(el, '[part=reload-button]'), 'no conflict');
    $<HTMLButtonElement>(el, '[part=reload-button]')!.click();
    await until(() => input(el, 0) && !$(el, '[part=reload-button]'));
    expect(input(el, 0).value).to.equal('Platinum');
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => !$(el, '[part=fields-form]'), 'the save after the reload failed');
    expect(text($(el, 'dl'))).to.contain('Platinum');
  });

  it('offers no Edit when the source cannot change customers', async () => {
    const { el } = await render(fixtureSource({ writable: false }, { ...smallHelpdesk(), customers: [{ id: 'ACME', customFields: { Tier: 'Gold' } }] }));
    expectNone($(el, '[part=edit-button]'), 'Edit');
  });
});
