import { expect } from '@open-wc/testing';
import { reportFromFreshPage } from '../support/fresh-page.js';

/**
 * Each registration entry point, imported alone into a fresh page (an iframe: its own
 * custom element registry), must define everything its element renders. The elements
 * are rendered on the small fixture, opened as far as a user would (the add form too).
 */
const ENTRIES: { entry: string; tag: string; setup?: string }[] = [
  { entry: 'customer-information-center', tag: 'customer-information-center', setup: 'el.customerId = "ACME";' },
  { entry: 'customer-user-information-center', tag: 'customer-user-information-center', setup: 'el.customerUserLogin = "anna";' },
  { entry: 'customer-users-widget', tag: 'customer-users-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'ticket-list-widget', tag: 'ticket-list-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'company-status-widget', tag: 'company-status-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'customer-information-widget', tag: 'customer-information-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'customer-ids-widget', tag: 'customer-ids-widget', setup: 'el.customerUserLogin = "bob";' },
  { entry: 'customer-user-information-widget', tag: 'customer-user-information-widget', setup: 'el.customerUserLogin = "anna";' },
  { entry: 'customer-search-dialog', tag: 'customer-search-dialog' },
  { entry: 'settings-widget', tag: 'settings-widget' },
  { entry: 'customer-user-form', tag: 'customer-user-form' },
  { entry: 'recent-tickets-widget', tag: 'recent-tickets-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'ticket-statistics-widget', tag: 'ticket-statistics-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'customer-health-widget', tag: 'customer-health-widget', setup: 'el.customerId = "ACME";' },
  { entry: 'customer-history-widget', tag: 'customer-history-widget', setup: 'el.customerId = "ACME";' },
];

/** Runs `entry`'s define module alone in a fresh iframe; resolves with the undefined tags found. */
function undefinedTagsIn({ entry, tag, setup = '' }: (typeof ENTRIES)[number]): Promise<string[]> {
  const script = `
    import '/src/components/${entry}/define.ts';
    import { InMemoryDataSource } from '/src/data/in-memory-data-source.ts';
    import { smallHelpdesk, NOW } from '/test/support/fixtures.ts';
    const el = document.createElement('${tag}');
    el.dataSource = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    ${setup}
    document.body.append(el);
    const walk = (root, found) => {
      for (const node of root.querySelectorAll('*')) {
        if (node.localName.includes('-') && !customElements.get(node.localName)) found.add(node.localName);
        if (node.shadowRoot) walk(node.shadowRoot, found);
      }
      return found;
    };
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(300);
    // Open what only shows on demand: the add form of the users list.
    const users = [el, ...el.shadowRoot.querySelectorAll('*')].find((n) => n.localName === 'customer-users-widget');
    users?.shadowRoot?.querySelector('[part=add-button]')?.click();
    await wait(200);
    parent.postMessage({ name: '${entry}', report: [...walk(el.shadowRoot, new Set())] }, '*');
  `;
  return reportFromFreshPage<string[]>(entry, script, 10_000);
}

describe('entry points', () => {
  for (const entry of ENTRIES) {
    it(`${entry.entry}/define.js alone defines everything it renders`, async () => {
      expect(await undefinedTagsIn(entry)).to.deep.equal([]);
    });
  }
});
