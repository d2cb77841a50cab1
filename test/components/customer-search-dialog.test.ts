import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-search-dialog/define.js';
import type { CustomerSearchDialog } from '../../src/components/customer-search-dialog/customer-search-dialog.js';
import { generateDemoData } from '../../src/data/demo/demo-data.js';
import { UnavailableError } from '../../src/data/contract/errors.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { smallHelpdesk } from '../support/fixtures.js';
import { expectNone, settle, text, until } from '../support/helpers.js';
import { spySource } from '../support/spy-source.js';

const $ = (el: CustomerSearchDialog, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: CustomerSearchDialog, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const options = (el: CustomerSearchDialog, kind = 'customer') =>
  $$(el, `#${kind}-results [role=option]`).map((o) => o.textContent!.replace(/\s+/g, ' ').trim());

async function openDialog(source = new InMemoryDataSource(smallHelpdesk())) {
  const spy = spySource(source);
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button id="opener">Search</button>
    <customer-search-dialog .dataSource=${spy.source}></customer-search-dialog>
  </div>`);
  const el = wrapper.querySelector('customer-search-dialog') as CustomerSearchDialog;
  const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
  opener.focus();
  el.show();
  await el.updateComplete;
  return { el, spy, opener };
}

const typeAndWait = async (el: CustomerSearchDialog, text: string, kind = 'customer') => {
  await sendKeys({ type: text });
  await waitUntil(() => $(el, `#${kind}-results`) || $(el, '[part=empty]') || $(el, '[role=alert]'), 'no results', { timeout: 3000 });
};

describe('customer-search-dialog', () => {
  it('opens modal with focus in the customer field, and Escape closes it returning focus', async () => {
    const { el, opener } = await openDialog();
    const dialog = $(el, 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(el.shadowRoot!.activeElement?.id).to.equal('customer-input');
    await expect(el).to.be.accessible();
    const closed = oneEvent(el, 'customer-search-closed');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(el.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
    await expect(el).to.be.accessible();
  });

  it('asks for 2 characters before it sends anything', async () => {
    const { el, spy } = await openDialog();
    await sendKeys({ type: 'a' });
    await new Promise((r) => setTimeout(r, 400));
    expect($(el, '#customer-hint')!.textContent).to.contain('Type at least 2 characters.');
    expect(spy.count('searchCustomers')).to.equal(0);
  });

  it('for a remote source: one call for five quick keystrokes, recent terms from memory; the match emphasised as text', async () => {
    const { el, spy } = await openDialog(new InMemoryDataSource(smallHelpdesk(), { latencyMs: 1 }));
    await typeAndWait(el, 'europ');
    expect(spy.count('searchCustomers')).to.equal(1);
    expect(options(el)).to.deep.equal(['Acme Europe ACME (Europe) & Co. 100%+']);
    expect($$(el, '#customer-results mark').map((m) => m.textContent)).to.deep.equal(['Europ', 'Europ']);
    // Backspace, then the same term again: the answer comes from memory.
    await sendKeys({ press: 'Backspace' });
    await until(() => spy.count('searchCustomers') === 2);
    await sendKeys({ type: 'p' });
    await until(() => options(el).join() === 'Acme Europe ACME (Europe) & Co. 100%+');
    await settle(300);
    expect(spy.calls.searchCustomers.map(([term]) => term)).to.deep.equal(['europ', 'euro']);
  });

  it('for a local source: searches on every keystroke, without waiting for a pause', async () => {
    const { el, spy } = await openDialog();
    await typeAndWait(el, 'europ');
    await until(() => spy.count('searchCustomers') === 4, 'not one search per keystroke');
    expect(spy.calls.searchCustomers.map(([term]) => term)).to.deep.equal(['eu', 'eur', 'euro', 'europ']);
    expect(options(el)).to.deep.equal(['Acme Europe ACME (Europe) & Co. 100%+']);
  });

  it('shows the bare id of a customer known only from its users', async () => {
    const { el } = await openDialog();
    await typeAndWait(el, 'ghost');
    expect(options(el)).to.deep.equal(['GHOST-1']);
  });

  it('lists all for **, caps at 20 and says there are more', async () => {
    const { el } = await openDialog(new InMemoryDataSource(generateDemoData({ customers: 40, customerUsers: 50, tickets: 10 })));
    await typeAndWait(el, '**');
    expect(options(el)).to.have.length(20);
    expect($(el, '#customer-hint')!.textContent).to.contain('More results exist');
  });

  it('says when nothing matches', async () => {
    const { el } = await openDialog();
    await typeAndWait(el, 'zzzz');
    expect($(el, '[part=empty]')!.textContent).to.contain('No results.');
  });

  it('shows an error with retry that recovers', async () => {
    const { el, spy } = await openDialog();
    spy.fail('searchCustomers', () => new UnavailableError());
    await typeAndWait(el, 'acme');
    expect($(el, '[role=alert]')!.textContent).to.contain('The data source is unavailable.');
    spy.heal('searchCustomers');
    ($(el, '[part=retry-button]') as HTMLButtonElement).click();
    await waitUntil(() => options(el).length === 2);
  });

  it('moves with the arrow keys and picks with Enter', async () => {
    const { el } = await openDialog();
    await typeAndWait(el, 'acme');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const input = $(el, '#customer-input')!;
    expect(input.getAttribute('aria-activedescendant')).to.equal('customer-option-1');
    expect($(el, '#customer-option-1')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    const selected = oneEvent(el, 'customer-selected');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail).to.deep.equal({ customerId: 'ACME' });
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('finds customer users and says which user was picked', async () => {
    const { el } = await openDialog();
    $(el, '#user-input')!.focus();
    await typeAndWait(el, 'baker', 'user');
    expect(options(el, 'user')).to.deep.equal(['"Bob Baker" <bob@acme.example> ACME']);
    await expect(el).to.be.accessible();
    const selected = oneEvent(el, 'customer-selected');
    $(el, '#user-option-0')!.click();
    expect((await selected).detail).to.deep.equal({ customerId: 'ACME', customerUserLogin: 'bob' });
  });

  it('keeps a direction override in a name to the name: the address reads as it is', async () => {
    const data = smallHelpdesk();
    data.customerUsers.push({ login: 'eve', customerId: 'ACME', firstName: 'Eve\u202E', lastName: 'Evans', email: 'eve@evil.example' });
    const { el } = await openDialog(new InMemoryDataSource(data));
    $(el, '#user-input')!.focus();
    await typeAndWait(el, 'evil', 'user');
    const line = $(el, '#user-option-0 span')!;
    /** Where a character is drawn (the first text node holding it). */
    const left = (char: string) => {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(char);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      }
      throw new Error(`no ${char}`);
    };
    expect(left('<')).to.be.below(left('>'));
    expect(text(line)).to.contain('<eve@evil.example>');
  });

  it('marks the match where it is when a character before it lower-cases longer (İ)', async () => {
    const data = smallHelpdesk();
    data.customers.push({ id: 'TR1', name: 'İİİİ Acme Istanbul' });
    const { el } = await openDialog(new InMemoryDataSource(data));
    await typeAndWait(el, 'acme ist');
    expect($$(el, '#customer-results mark').map((m) => m.textContent)).to.deep.equal(['Acme Ist']);
  });

  it('renders markup in data as text', async () => {
    const data = smallHelpdesk();
    data.customers.push({ id: 'EVIL', name: '<img src=x onerror="window.__pwned=1">Evil' });
    const { el } = await openDialog(new InMemoryDataSource(data));
    await typeAndWait(el, 'evil');
    expectNone($(el, '#customer-results img'));
    expect(options(el)[0]).to.contain('<img src=x');
  });
});
