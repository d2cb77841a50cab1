import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import { deepActiveElement } from '../../src/internal/deep-active-element.js';
import { smallHelpdesk } from '../support/fixtures.js';
import { $, $$, fixtureSource, text, until } from '../support/helpers.js';

/** Presses Tab until the focused element (looking into shadow roots) matches. */
async function tabTo(matches: (el: HTMLElement) => boolean, what: string) {
  for (let presses = 0; presses < 250; presses++) {
    const active = deepActiveElement();
    if (active && matches(active)) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}
const labelled = (label: string) => (el: HTMLElement) => el.getAttribute('aria-label') === label || text(el) === label;

describe('keyboard only', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => localStorage.clear());

  it('searches, opens a customer, adds a user, pages, moves a widget and changes a filter', async () => {
    const data = smallHelpdesk();
    for (let i = 1; i <= 12; i++) {
      data.customerUsers.push({ login: `u${i}`, customerId: 'ACME', firstName: 'User', lastName: `Zeta${String(i).padStart(2, '0')}`, email: `u${i}@acme.example` });
    }
    const el = await fixture<CustomerInformationCenter>(html`<customer-information-center
      .dataSource=${fixtureSource({}, data).source}></customer-information-center>`);
    const users = () => $(el, 'customer-users-widget')!;
    const userLogins = () => [...users().shadowRoot!.querySelectorAll('tbody tr')].map((row) => text(row.querySelector('td')));

    // Search: the dialog opens by itself with focus in the customer field.
    await until(() => deepActiveElement()?.id === 'customer-input');
    await sendKeys({ type: 'acme corp' });
    await until(() => $(el, 'customer-search-dialog >>> [role=option]'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.customerId === 'ACME' && userLogins().length === 10);

    // Add a customer user.
    await tabTo(labelled('Add customer user'), 'the add button');
    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement()?.id === 'title');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Ada' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Aardvark' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ada' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ada@acme.example' });
    await sendKeys({ press: 'Enter' });
    await until(() => userLogins()[0] === 'ada', 'the new user never appeared');
    expect(deepActiveElement()?.getAttribute('part')).to.equal('add-button');

    // Page.
    await tabTo(labelled('Next page'), 'the next page button');
    await sendKeys({ press: 'Enter' });
    await until(() => userLogins().join() === 'u8,u9,u10,u11,u12');

    // Move a widget.
    await tabTo(labelled('Move Reminder Tickets'), 'the reminder handle');
    await sendKeys({ press: 'ArrowUp' });
    await until(() => text($$(el, '[data-region=main] .card-title')[0]) === 'Reminder Tickets');
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal('Move Reminder Tickets');

    // Change a filter.
    await tabTo((active) => active.getAttribute('role') === 'tab' && active.getAttribute('aria-selected') === 'true', 'a filter tab');
    const list = $(el, '[data-widget="reminder-tickets"] ticket-list-widget')!;
    expect(list.shadowRoot!.activeElement?.id).to.equal('tab-my-locked');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => list.shadowRoot!.querySelector('#tab-my-queues')!.getAttribute('aria-selected') === 'true');
  });
});
