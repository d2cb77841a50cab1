import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-history-widget/define.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import type { HelpdeskData } from '../../src/data/contract/types.js';
import { at, smallHelpdesk } from '../support/fixtures.js';
import { $, $$, expectNone, fixtureSource, text, until, untilLoaded } from '../support/helpers.js';
import { runWidgetSuite } from '../support/widget-suite.js';

/** ACME with seven notes a day apart (note 7 the newest). */
function withHistory(): HelpdeskData {
  return {
    ...smallHelpdesk(),
    history: Array.from({ length: 7 }, (_, i) => ({
      id: `h${i + 1}`, customerId: 'ACME', at: at(-24 * (7 - i)), kind: 'note' as const, text: `Note ${i + 1}`, author: 'Mia Me',
    })),
  };
}

runWidgetSuite({
  tag: 'customer-history-widget',
  loadsWith: 'listCustomerHistory',
  subject: { 'customer-id': 'ACME' },
  emptySubject: { 'customer-id': 'NOBODY' },
  data: withHistory,
  parts: ['list', 'entry', 'include-tickets', 'add-button', 'pager'],
});

describe('customer-history-widget', () => {
  async function render(spy = fixtureSource({}, withHistory())) {
    const el = await fixture<HTMLElement>(html`<customer-history-widget customer-id="ACME" .dataSource=${spy.source}></customer-history-widget>`);
    await untilLoaded(el);
    return { el, spy };
  }
  const texts = (el: HTMLElement) => $$(el, '[part=entry] .text').map(text);

  it('shows the last five entries, newest first, and pages to the rest', async () => {
    const { el, spy } = await render();
    expect(texts(el)).to.deep.equal(['Note 7', 'Note 6', 'Note 5', 'Note 4', 'Note 3']);
    expect(spy.total()).to.equal(1);
    await expect(el).to.be.accessible();
    [...$$<HTMLButtonElement>(el, '[part=pager] button')].find((b) => text(b) === 'Next page')!.click();
    await until(() => texts(el).join() === 'Note 2,Note 1');
  });

  it('counts the range forwards and back: 1–5, 6–7, 1–5 of 7', async () => {
    const { el } = await render();
    const range = () => text($(el, '[part=pager] [aria-live]'));
    const press = (label: string) => [...$$<HTMLButtonElement>(el, '[part=pager] button')].find((b) => text(b) === label)!.click();
    expect(range()).to.equal('1–5 of 7');
    press('Next page');
    await until(() => texts(el).join() === 'Note 2,Note 1');
    expect(range()).to.equal('6–7 of 7');
    press('Previous page');
    await until(() => texts(el)[0] === 'Note 7');
    expect(range()).to.equal('1–5 of 7');
  });

  it('leaves out a total smaller than what it shows', async () => {
    const inner = fixtureSource({}, withHistory()).source;
    const source = Object.assign(Object.create(inner), {
      listCustomerHistory: async (...args: Parameters<NonNullable<typeof inner.listCustomerHistory>>) =>
        ({ ...(await inner.listCustomerHistory!(...args)), total: { value: 3, exact: true } }),
    }) as typeof inner;
    const el = await fixture<HTMLElement>(html`<customer-history-widget customer-id="ACME" .dataSource=${source}></customer-history-widget>`);
    await untilLoaded(el);
    expect(text($(el, '[part=pager] [aria-live]'))).to.equal('1–5');
  });

  it('mixes the ticket events in when asked, and loads again', async () => {
    const { el, spy } = await render();
    spy.reset();
    $<HTMLInputElement>(el, '[part=include-tickets] input')!.click();
    await until(() => $$(el, '.kind-ticket-created, .kind-ticket-closed').length > 0, 'no ticket events');
    expect(spy.calls.listCustomerHistory[0][1]).to.include({ includeTickets: true });
  });

  it('adds a note that shows at once, without loading the list again', async () => {
    const { el, spy } = await render();
    spy.reset();
    $<HTMLButtonElement>(el, '[part=add-button]')!.click();
    await until(() => $(el, '[part=note-input]'));
    await sendKeys({ type: 'Called about the renewal' });
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => texts(el)[0] === 'Called about the renewal', 'the note is not shown first');
    expect(spy.count('listCustomerHistory')).to.equal(0);
    expect(spy.count('addCustomerNote')).to.equal(1);
  });

  it('keeps the typed text and says why when a note cannot be saved', async () => {
    const { el, spy } = await render();
    $<HTMLButtonElement>(el, '[part=add-button]')!.click();
    await until(() => $(el, '[part=note-input]'));
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => text($(el, '[part=message]')) === 'This field is required.', 'no message for an empty note');
    await sendKeys({ type: 'Important' });
    spy.fail('addCustomerNote', () => new UnavailableError());
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    await until(() => /unavailable/i.test(text($(el, '[part=message]'))), 'no message for a failed save');
    expect($<HTMLTextAreaElement>(el, '[part=note-input]')!.value).to.equal('Important');
    await expect(el).to.be.accessible();
  });

  it('offers no Add note when the source cannot write, and says so when there is no history', async () => {
    const { el } = await render(fixtureSource({ writable: false }, smallHelpdesk()));
    expectNone($(el, '[part=add-button]'), 'Add note');
    expect($(el, '[part=empty]')).to.exist;
  });
});
