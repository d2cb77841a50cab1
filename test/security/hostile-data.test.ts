import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CustomerSearchDialog } from '../../src/components/customer-search-dialog/customer-search-dialog.js';
import type { HelpdeskData } from '../../src/data/contract/types.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, at } from '../support/fixtures.js';
import { $, expectNone, settle, until } from '../support/helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** Known ways to get markup or script out of text, each of which trips `window.__xss`. */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg onload=window.__xss=3>',
  "'><iframe src=\"javascript:window.__xss=4\"></iframe>",
  'javascript:window.__xss=5',
  ' JaVaScRiPt:window.__xss=6',
  'data:text/html,<script>window.__xss=7</script>',
  '<a href="javascript:window.__xss=8">click</a>',
  '</textarea></style><script>window.__xss=9</script>',
  '${window.__xss=10}{{constructor.constructor("window.__xss=11")()}}',
  '<template><img src=x onerror=window.__xss=12></template>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=13>',
];

/** Every text field of every entity filled with the payloads. */
function hostileData(): HelpdeskData {
  const customers = PAYLOADS.map((p, i) => ({
    id: `X${i}${p}`, name: p, valid: i % 2 === 0, street: p, zip: p, city: p, country: p, url: p, comment: p,
    customFields: { [p]: p },
  }));
  const customerUsers = PAYLOADS.map((p, i) => ({
    login: `u${i}${p}`, customerId: customers[i].id, secondaryCustomerIds: [customers[(i + 1) % PAYLOADS.length].id],
    title: p, firstName: p, lastName: p, email: p, phone: p, mobile: p, street: p, city: p, comment: p,
  }));
  const tickets = PAYLOADS.flatMap((p, i) =>
    ['new', 'open', 'pending reminder', 'closed successful', p].map((state, j) => ({
      id: `${i}-${j}${p}`, number: `${i}${j}${p}`, title: p, customerId: customers[i].id,
      customerUserLogin: customerUsers[i].login, state, queueId: 'q', ownerId: 'me', lock: 'lock' as const,
      createdAt: at(-50), changedAt: at(-5), pendingUntil: at(-1), escalationAt: at(-1), type: p, service: p,
    })),
  );
  return {
    customers, customerUsers, tickets,
    agents: [{ id: 'me', name: PAYLOADS[1], queueIds: ['q'] }],
    queues: [{ id: 'q', name: PAYLOADS[2] }],
  };
}

/** Every element inside `root`, looking into every shadow root. */
function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** What must never be found: markup from the data, handlers, unsafe links — in every shadow tree. */
function assertClean(root: Element) {
  const elements = [root, ...deepElements(root), ...(root.shadowRoot ? deepElements(root.shadowRoot) : [])];
  // The walk must reach into the shadow trees (where everything is rendered), or it checks nothing.
  expect(elements.length, 'elements checked').to.be.greaterThan(20);
  const forbidden = elements.filter((el) => ['script', 'img', 'svg', 'iframe', 'math', 'template', 'style'].includes(el.localName));
  expect(forbidden.map((el) => el.outerHTML.slice(0, 80)), 'elements from data').to.deep.equal([]);
  const handlers = elements.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.localName}[${a.name}]`));
  expect(handlers, 'event-handler attributes').to.deep.equal([]);
  const links = elements.filter((el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement && el.hasAttribute('href'));
  const unsafe = links.filter((a) => !['http:', 'https:', 'mailto:', 'tel:'].includes(new URL(a.href).protocol));
  expect(unsafe.map((a) => a.getAttribute('href')), 'unsafe links').to.deep.equal([]);
  expect(window.__xss, 'a payload ran').to.equal(undefined);
}

describe('hostile data', () => {
  it('notices markup, handlers and unsafe links deep inside shadow trees (the check itself)', async () => {
    for (const bad of ['<script>1</script>', '<b onclick="x()">x</b>', '<a href="javascript:x()">x</a>']) {
      const el = await fixture<HTMLElement>(html`<ticket-list-widget customer-id="ACME" view="all"
        .dataSource=${new InMemoryDataSource(hostileData(), { now: NOW })}></ticket-list-widget>`);
      await until(() => $(el, 'table') || $(el, '[part=empty]'));
      const inner = document.createElement('span');
      el.shadowRoot!.append(inner);
      inner.attachShadow({ mode: 'open' }).innerHTML = `<p>${'<i>x</i>'.repeat(25)}${bad}</p>`;
      expect(() => assertClean(el), bad).to.throw();
    }
  });

  before(() => setViewport({ width: 1400, height: 1200 }));
  beforeEach(() => {
    localStorage.clear();
    delete window.__xss;
  });

  it('renders every element of the customer center with payloads everywhere as text only', async () => {
    const source = new InMemoryDataSource(hostileData(), { now: NOW, currentAgentId: 'me' });
    for (let i = 0; i < PAYLOADS.length; i += 3) {
      const el = await fixture<HTMLElement>(html`<customer-information-center customer-id=${`X${i}${PAYLOADS[i]}`}
        ticket-url-template="/t/{id}" .dataSource=${source}></customer-information-center>`);
      await until(() => $(el, 'ticket-list-widget'));
      await settle(300);
      // The payload is shown, as text, where the name goes; then open an edit form too.
      expect($(el, '.header h1')!.textContent).to.equal(PAYLOADS[i]);
      const users = $(el, 'customer-users-widget')!;
      await until(() => users.shadowRoot!.querySelector('tbody button.icon'));
      users.shadowRoot!.querySelector<HTMLButtonElement>('tbody button.icon')!.click();
      await settle(200);
      assertClean(el);
    }
  });

  it('renders the customer-user center and the search results as text only', async () => {
    const source = new InMemoryDataSource(hostileData(), { now: NOW, currentAgentId: 'me' });
    const center = await fixture<HTMLElement>(html`<customer-user-information-center customer-user-login=${`u1${PAYLOADS[1]}`}
      .dataSource=${source}></customer-user-information-center>`);
    await until(() => $(center, 'customer-user-information-widget'));
    await settle(400);
    assertClean(center);

    const dialog = await fixture<CustomerSearchDialog>(html`<customer-search-dialog .dataSource=${source}></customer-search-dialog>`);
    dialog.show();
    await dialog.updateComplete;
    for (const id of ['customer-input', 'user-input']) {
      const input = $<HTMLInputElement>(dialog, `#${id}`)!;
      input.value = '**';
      input.dispatchEvent(new InputEvent('input'));
    }
    await until(() => dialog.shadowRoot!.querySelectorAll('[role=option]').length > 20);
    assertClean(dialog);
    dialog.close();
  });

  it('shows all optional ticket columns with payloads as text', async () => {
    localStorage.setItem('cic:ticket-list:all', JSON.stringify({
      columns: ['age', 'title', 'state', 'queue', 'priority', 'owner', 'customerUser', 'created', 'changed', 'pendingUntil', 'escalation'],
    }));
    const source = new InMemoryDataSource(hostileData(), { now: NOW, currentAgentId: 'me' });
    const list = await fixture<HTMLElement>(html`<ticket-list-widget view="all" customer-id=${`X2${PAYLOADS[2]}`}
      ticket-url-template="javascript:alert({id})" .dataSource=${source}></ticket-list-widget>`);
    await until(() => $(list, 'tbody tr'));
    expect($(list, 'thead')!.querySelectorAll('th')).to.have.length(12);
    expectNone($(list, 'tbody a'));
    assertClean(list);
  });
});
