import { expect } from '@open-wc/testing';
import { reportFromFreshPage } from '../support/fresh-page.js';

/** What a fresh page (an iframe: its own registry) reports after registering every element under `acme-` tags. */
interface Report {
  undefinedTags: string[];
  defaultTagsDefined: string[];
  widgetTags: string[];
  listRows: number;
  dialogOpen: boolean;
  errors: string[];
}

/** `register` is module code that registers the elements; the page then opens a center and its search. */
function reportOf(name: string, register: string): Promise<Report> {
  const script = `
    const errors = [];
    addEventListener('error', (e) => errors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
    import { ELEMENTS, defineAll } from '/src/index.ts';
    import { InMemoryDataSource } from '/src/data/adapters/in-memory-data-source.ts';
    import { smallHelpdesk, NOW } from '/test/support/fixtures.ts';
    ${register}
    const el = document.createElement('acme-customer-information-center');
    el.dataSource = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    el.customerId = 'ACME';
    document.body.append(el);
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(400);
    const all = (root, found = []) => {
      for (const node of root.querySelectorAll('*')) {
        found.push(node);
        if (node.shadowRoot) all(node.shadowRoot, found);
      }
      return found;
    };
    const nodes = all(el.shadowRoot);
    const open = el.shadowRoot.querySelector('[part=search-button]');
    try { open.click(); } catch (error) { errors.push(String(error)); }
    await wait(200);
    const dialog = nodes.find((n) => n.localName === 'acme-customer-search-dialog');
    parent.postMessage({ name: '${name}', report: {
      undefinedTags: [...new Set(nodes.filter((n) => n.localName.includes('-') && !customElements.get(n.localName)).map((n) => n.localName))],
      defaultTagsDefined: Object.keys(ELEMENTS).filter((tag) => customElements.get(tag)),
      widgetTags: [...el.shadowRoot.querySelectorAll('.card-body > *')].map((n) => n.localName),
      listRows: nodes.filter((n) => n.localName === 'acme-ticket-list-widget').reduce((sum, w) => sum + w.shadowRoot.querySelectorAll('tbody tr').length, 0),
      dialogOpen: Boolean(dialog?.shadowRoot?.querySelector('dialog')?.open),
      errors,
    } }, '*');
  `;
  return reportFromFreshPage<Report>(name, script);
}

function expectWorking(report: Report) {
  expect(report.errors).to.deep.equal([]);
  expect(report.undefinedTags).to.deep.equal([]);
  expect(report.defaultTagsDefined, 'no element under its default tag').to.deep.equal([]);
  expect(report.widgetTags).to.include('acme-ticket-list-widget').and.include('acme-company-status-widget');
  expect(report.listRows, 'the ticket lists show tickets').to.be.greaterThan(0);
  expect(report.dialogOpen, 'Search opens the dialog').to.equal(true);
}

describe('embedding under the host\'s own tag names', () => {
  it('works with defineAll({ prefix })', async () => {
    expectWorking(await reportOf('prefix', `defineAll({ prefix: 'acme-' });`));
  });

  it('works with every class registered by hand with customElements.define', async () => {
    expectWorking(await reportOf('by-hand', `for (const [tag, cls] of Object.entries(ELEMENTS)) customElements.define('acme-' + tag, cls);`));
  });
});
