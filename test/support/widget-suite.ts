import { expect, fixture } from '@open-wc/testing';
import { UnavailableError } from '../../src/data/contract/errors.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import type { HelpdeskData } from '../../src/data/contract/types.js';
import { smallHelpdesk } from './fixtures.js';
import { $, expectNone, fixtureSource, text, until } from './helpers.js';

export interface WidgetSuiteOptions {
  tag: string;
  /** The data source method the widget loads through. */
  loadsWith: string;
  /** Attributes that name what the widget shows, e.g. `{ 'customer-id': 'ACME' }`. */
  subject: Record<string, string>;
  /** Attributes that name something without data; left out for a widget without an empty state. */
  emptySubject?: Record<string, string>;
  /** The data, when the small helpdesk lacks what the widget shows. */
  data?: () => HelpdeskData;
  /** The parts the loaded widget exports; the first is its main content. */
  parts: string[];
  /** What the loaded widget shows, for a widget whose content has no part. */
  content?: string;
}

type Widget = HTMLElement & { dataSource?: DataSource };

async function renderWidget(tag: string, attributes: Record<string, string>, source: DataSource) {
  const element = document.createElement(tag) as Widget;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.dataSource = source;
  return fixture<Widget>(element);
}

/**
 * What every data widget does alike, over the in-memory source: a loading state while the
 * source is pending, an error with a Retry that recovers, an empty state, its parts, and
 * no accessibility violation once loaded.
 */
export function runWidgetSuite(options: WidgetSuiteOptions) {
  const { tag, loadsWith, subject, emptySubject, parts } = options;
  const content = options.content ?? `[part~=${parts[0]}]`;
  const spyOnData = () => fixtureSource({}, options.data?.() ?? smallHelpdesk());
  const render = (spy = spyOnData(), attributes = subject) => renderWidget(tag, attributes, spy.source);
  const loaded = (el: Widget) => until(() => $(el, content) && !$(el, '[part~=loading]'), `<${tag}> never showed ${content}`);

  describe(`${tag}: what every widget does`, () => {
    it('shows the loading state while the data source is pending', async () => {
      const spy = spyOnData();
      const release = spy.hold(loadsWith);
      const el = await render(spy);
      await until(() => $(el, '[part~=loading]'), 'no loading state');
      expectNone($(el, content), 'the content while loading');
      release();
      await loaded(el);
    });

    it('shows an error with a Retry button that recovers once the source answers', async () => {
      const spy = spyOnData();
      spy.fail(loadsWith, () => new UnavailableError());
      const el = await render(spy);
      await until(() => $(el, '[part~=error][role=alert]'), 'no error state');
      expect(text($(el, '[part~=error]'))).to.contain('The data source is unavailable.');
      await expect(el).to.be.accessible();
      spy.heal(loadsWith);
      $<HTMLButtonElement>(el, '[part~=retry-button]')!.click();
      await loaded(el);
      expectNone($(el, '[part~=error]'), 'the error after the retry');
    });

    if (emptySubject) {
      it('shows the empty state when there is nothing to show', async () => {
        const el = await render(spyOnData(), emptySubject);
        await until(() => $(el, '[part~=empty]'), 'no empty state');
        expect(text($(el, '[part~=empty]'))).not.to.equal('');
        expectNone($(el, content), 'the content');
      });
    }

    if (parts.length) {
      it(`exports its parts: ${parts.join(', ')}`, async () => {
        const el = await render();
        await loaded(el);
        for (const part of parts) expect($(el, `[part~=${part}]`), `part ${part}`).to.exist;
      });
    }

    it('is accessible once loaded', async () => {
      const el = await render();
      await loaded(el);
      await expect(el).to.be.accessible();
    });
  });
}
