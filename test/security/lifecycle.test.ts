import { expect, fixture, html } from '@open-wc/testing';
import Sortable from 'sortablejs';
import '../../src/define.js';
import type { CustomerInformationCenter } from '../../src/components/customer-information-center/customer-information-center.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from '../support/fixtures.js';
import { $$, settle, until } from '../support/helpers.js';
import { wrapCalls } from '../support/wrap-calls.js';

/** Counts listeners on window and document, and intervals, that are added and not removed. */
function watchGlobals() {
  const listeners = new Map<string, Set<unknown>>();
  const intervals = new Set<number>();
  const originals = {
    add: EventTarget.prototype.addEventListener,
    remove: EventTarget.prototype.removeEventListener,
    setInterval: window.setInterval,
    clearInterval: window.clearInterval,
  };
  const key = (target: EventTarget, type: string) => `${target === window ? 'window' : 'document'}:${type}`;
  const watched = (target: EventTarget) => target === window || target === document;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: unknown, ...rest: never[]) {
    if (watched(this)) {
      if (!listeners.has(key(this, type))) listeners.set(key(this, type), new Set());
      listeners.get(key(this, type))!.add(listener);
    }
    return originals.add.call(this, type, listener as EventListener, ...rest);
  } as typeof EventTarget.prototype.addEventListener;
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: unknown, ...rest: never[]) {
    if (watched(this)) listeners.get(key(this, type))?.delete(listener);
    return originals.remove.call(this, type, listener as EventListener, ...rest);
  } as typeof EventTarget.prototype.removeEventListener;
  window.setInterval = ((handler: () => void, ms?: number) => {
    const id = originals.setInterval.call(window, handler, ms) as unknown as number;
    intervals.add(id);
    return id;
  }) as unknown as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    originals.clearInterval.call(window, id);
  }) as typeof window.clearInterval;
  return {
    /** Listeners added to window/document and not removed, by event type. */
    net: () => Object.fromEntries([...listeners].filter(([, set]) => set.size > 0).map(([type, set]) => [type, set.size])),
    intervals: () => intervals.size,
    restore() {
      Object.assign(EventTarget.prototype, { addEventListener: originals.add, removeEventListener: originals.remove });
      Object.assign(window, { setInterval: originals.setInterval, clearInterval: originals.clearInterval });
    },
  };
}

/**
 * A data source whose calls never answer: each stays pending until its signal aborts. An
 * element that forgets to abort when it is removed leaves a call pending for good.
 */
function trackedSource() {
  const inner = new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me' });
  const open = new Set<{ signal?: AbortSignal }>();
  let calls = 0;
  const source: DataSource = wrapCalls(inner, ({ signal }) => {
    calls++;
    const call = { signal };
    open.add(call);
    return new Promise((_, reject) =>
      signal?.addEventListener('abort', () => {
        open.delete(call);
        reject(new DOMException('Aborted', 'AbortError'));
      }),
    );
  });
  return { source, calls: () => calls, pending: () => open.size };
}

describe('lifecycle', () => {
  it('leaves no listeners, intervals, Sortable instances or requests behind after many cycles', async () => {
    localStorage.clear();
    const { source, calls, pending } = trackedSource();
    const stage = await fixture<HTMLDivElement>(html`<div><section id="a"></section><section id="b"></section></div>`);
    const cycle = async (customerId: string) => {
      const center = document.createElement('customer-information-center') as CustomerInformationCenter;
      center.dataSource = source;
      center.customerId = customerId;
      center.refreshInterval = 60;
      stage.querySelector('#a')!.append(center);
      await until(() => $$(center, '.card').length === 8);
      const regions = $$(center, '[data-region]');
      expect(regions.map((r) => !!Sortable.get(r))).to.deep.equal([true, true]);
      stage.querySelector('#b')!.append(center); // moved
      await settle(5);
      center.remove(); // removed while widgets may still load
      stage.querySelector('#a')!.append(center); // and back
      await settle(5);
      center.remove();
      await settle(5);
      return regions;
    };

    await cycle('ACME'); // warm-up: one-time global listeners of the libraries
    await settle(100);
    const globals = watchGlobals();
    try {
      const regions: HTMLElement[] = [];
      for (let i = 0; i < 25; i++) regions.push(...(await cycle(i % 2 ? 'ACME' : 'Star*Corp')));
      await settle(200);
      expect(globals.net(), 'listeners left on window/document').to.deep.equal({});
      expect(globals.intervals(), 'intervals left running').to.equal(0);
      expect(regions.filter((region) => Sortable.get(region)).length, 'Sortable instances left').to.equal(0);
      expect(calls(), 'calls made').to.be.greaterThan(25 * 5);
      expect(pending(), 'requests neither settled nor aborted').to.equal(0);
    } finally {
      globals.restore();
    }
  });
});
