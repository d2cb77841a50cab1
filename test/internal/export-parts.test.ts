import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/company-status-widget/define.js';
import type { CompanyStatusWidget } from '../../src/components/company-status-widget/company-status-widget.js';
import { $, fixtureSource, until } from '../support/helpers.js';

/** The names an element exports, as `exportparts` lists them (`inner: outer` pairs). */
const exported = (el: Element) =>
  (el.getAttribute('exportparts') ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean);

describe('exported parts', () => {
  it('exports every part as itself and with the prefix, and again with a new prefix when it changes', async () => {
    const el = await fixture<CompanyStatusWidget>(html`<company-status-widget customer-id="ACME" .dataSource=${fixtureSource().source}></company-status-widget>`);
    await until(() => $(el, '[part=count]'), 'the counts never showed');
    expect(el.hasAttribute('exportparts'), 'nothing without a prefix').to.equal(false);

    el.exportedParts.prefix = 'status';
    el.requestUpdate();
    await el.updateComplete;
    expect(exported(el)).to.include.members(['count', 'count: status-count']);

    el.exportedParts.prefix = 'company';
    el.requestUpdate();
    await el.updateComplete;
    expect(exported(el)).to.include.members(['count', 'count: company-count']);
    expect(exported(el).filter((name) => name.includes('status-')), 'the old prefix is gone').to.deep.equal([]);
  });
});
