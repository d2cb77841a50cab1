import { expect } from '@open-wc/testing';
import { ELEMENTS } from '../../src/define-all.js';
import { reportFromFreshPage } from '../support/fresh-page.js';

type ElementTag = keyof typeof ELEMENTS;
type ElementClass = (typeof ELEMENTS)[ElementTag] & { dependencies: Record<string, CustomElementConstructor> };
const classOf = (tag: string) => ELEMENTS[tag as ElementTag] as ElementClass;

/**
 * Each registration entry point, imported alone into a fresh page (an iframe: its own
 * custom element registry), must define its element under its tag in ELEMENTS and what it
 * renders (its class's `dependencies`, and theirs) — nothing else of the list — and leave
 * nothing it renders undefined. The elements are rendered on the small fixture, opened as
 * far as a user would (the add form too). Typed by the list: a new element needs its line.
 */
const SETUP: { [Tag in ElementTag]: string } = {
  'customer-information-center': 'el.customerId = "ACME";',
  'customer-user-information-center': 'el.customerUserLogin = "anna";',
  'customer-users-widget': 'el.customerId = "ACME";',
  'ticket-list-widget': 'el.customerId = "ACME";',
  'company-status-widget': 'el.customerId = "ACME";',
  'customer-information-widget': 'el.customerId = "ACME";',
  'customer-ids-widget': 'el.customerUserLogin = "bob";',
  'customer-user-information-widget': 'el.customerUserLogin = "anna";',
  'customer-search-dialog': '',
  'settings-widget': '',
  'customer-user-form': '',
  'recent-tickets-widget': 'el.customerId = "ACME";',
  'ticket-statistics-widget': 'el.customerId = "ACME";',
  'customer-health-widget': 'el.customerId = "ACME";',
  'customer-history-widget': 'el.customerId = "ACME";',
};

/** What an entry point's page reports: the tags it left undefined, and the class name under each tag of the list it defined. */
interface Report {
  undefinedTags: string[];
  definedClasses: Record<string, string>;
}

/** `tag`, and what it renders, and what those render: tag → class name. */
function renderedClosure(tag: string, found: Record<string, string> = {}): Record<string, string> {
  if (found[tag]) return found;
  found[tag] = classOf(tag).name;
  for (const dependency of Object.keys(classOf(tag).dependencies)) renderedClosure(dependency, found);
  return found;
}

/** Runs `tag`'s define module alone in a fresh iframe and reports what it registered and rendered. */
function reportOfEntry(tag: ElementTag): Promise<Report> {
  const script = `
    import '/src/components/${tag}/define.ts';
    import { InMemoryDataSource } from '/src/data/adapters/in-memory-data-source.ts';
    import { smallHelpdesk, NOW } from '/test/support/fixtures.ts';
    const el = document.createElement('${tag}');
    el.dataSource = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
    ${SETUP[tag]}
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
    const listed = ${JSON.stringify(Object.keys(ELEMENTS))};
    const definedClasses = Object.fromEntries(listed.filter((t) => customElements.get(t)).map((t) => [t, customElements.get(t).name]));
    parent.postMessage({ name: '${tag}', report: { undefinedTags: [...walk(el.shadowRoot, new Set())], definedClasses } }, '*');
  `;
  return reportFromFreshPage<Report>(tag, script, 10_000);
}

describe('the list of elements (ELEMENTS)', () => {
  it('names every element its elements render under the same tag and class', () => {
    const disagreeing = Object.keys(ELEMENTS).flatMap((tag) =>
      Object.entries(classOf(tag).dependencies)
        .filter(([dependencyTag, dependency]) => ELEMENTS[dependencyTag as ElementTag] !== dependency)
        .map(([dependencyTag]) => `${tag} renders ${dependencyTag}`),
    );
    expect(disagreeing).to.deep.equal([]);
  });
});

describe('entry points', () => {
  for (const tag of Object.keys(ELEMENTS) as ElementTag[]) {
    it(`components/${tag}/define.js alone defines its element and what it renders, and nothing it renders is undefined`, async () => {
      const report = await reportOfEntry(tag);
      expect(report.undefinedTags).to.deep.equal([]);
      expect(report.definedClasses).to.deep.equal(renderedClosure(tag));
    });
  }
});
