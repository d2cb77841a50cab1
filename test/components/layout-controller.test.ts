import { expect } from '@open-wc/testing';
import { LayoutController } from '../../src/components/information-center/layout-controller.js';
import type { WidgetDefinition } from '../../src/components/information-center/widget-registry.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { smallHelpdesk } from '../support/fixtures.js';

const WIDGETS: WidgetDefinition[] = [
  { id: 'a', tag: 'x-a', title: 'A', region: 'main' },
  { id: 'b', tag: 'x-b', title: 'B', region: 'main' },
  { id: 'settings', tag: 'x-s', title: 'Settings', region: 'sidebar', mandatory: true },
  { id: 'c', tag: 'x-c', title: () => 'C', region: 'sidebar' },
];

/** A layout controller on a plain host object: no element, no rendering. */
function controller(widgets = WIDGETS) {
  let updates = 0;
  const changes: unknown[] = [];
  const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
  const layouts = new LayoutController(host, {
    key: () => 'layout:test',
    widgets: () => widgets,
    readTimeoutMs: () => 1000,
    onChange: (layout) => changes.push(layout),
  });
  return { layouts, changes, updates: () => updates };
}

const source = () => new InMemoryDataSource(smallHelpdesk(), { preferences: true });

describe('LayoutController', () => {
  it('reads the stored layout from the preference store and reconciles it with the widgets', async () => {
    const store = source();
    await store.preferences!.set('layout:test', { main: ['b', 'gone', 'a'], sidebar: [], hidden: ['settings', 'c'] });
    const { layouts, updates } = controller();
    await layouts.load(store);
    expect(layouts.layout).to.deep.equal({ main: ['b', 'a'], sidebar: ['settings', 'c'], hidden: ['c'] });
    expect(layouts.visibleIn('sidebar')).to.deep.equal(['settings']);
    expect(updates()).to.equal(1);
    await layouts.load(store);
    expect(updates(), 'the same source is read once').to.equal(1);
  });

  it('moves, hides and shows, writing each change back and telling the host', async () => {
    const store = source();
    const { layouts, changes } = controller();
    await layouts.load(store);
    layouts.move('c', 'main', 1);
    expect(layouts.visibleIn('main')).to.deep.equal(['a', 'c', 'b']);
    expect(layouts.hide('settings'), 'a mandatory widget').to.equal(false);
    expect(layouts.hide('a')).to.equal(true);
    expect(layouts.visibleIn('main')).to.deep.equal(['c', 'b']);
    expect(layouts.settingsEntries().map((e) => [e.id, e.title, e.visible])).to.deep.equal([
      ['a', 'A', false], ['c', 'C', true], ['b', 'B', true], ['settings', 'Settings', true],
    ]);
    layouts.showOnly(['a', 'b']);
    expect(layouts.layout!.hidden).to.deep.equal(['c']);
    expect(changes).to.have.length(3);
    await new Promise((resolve) => setTimeout(resolve));
    expect(await store.preferences!.get('layout:test')).to.deep.equal(layouts.layout);
  });

  it('takes in widgets registered since', async () => {
    const widgets = [...WIDGETS];
    const { layouts } = controller(widgets);
    await layouts.load(source());
    widgets.push({ id: 'd', tag: 'x-d', title: 'D', region: 'main' });
    layouts.reconcile();
    expect(layouts.visibleIn('main')).to.deep.equal(['a', 'b', 'd']);
  });
});
