import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { InMemoryDataSource, type InMemoryDataSourceOptions } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from './fixtures.js';
import { spySource } from './spy-source.js';

/** The small fixture on the embedded source, with its fixed clock and agent `me`, behind a spy. */
export function fixtureSource(options: InMemoryDataSourceOptions = {}, data = smallHelpdesk()) {
  return spySource(new InMemoryDataSource(data, { now: NOW, currentAgentId: 'me', ...options }));
}

/** Query inside an element's shadow root (and, with `>>>`, inside nested shadow roots). */
export function $<T extends Element = HTMLElement>(root: Element, selector: string): T | null {
  const [first, ...rest] = selector.split(' >>> ');
  let found: Element | null = root.shadowRoot!.querySelector(first);
  for (const part of rest) found = found?.shadowRoot?.querySelector(part) ?? null;
  return found as T | null;
}

export function $$<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  const [first, ...rest] = selector.split(' >>> ');
  if (!rest.length) return [...root.shadowRoot!.querySelectorAll<T>(first)];
  const host = $(root, [first, ...rest.slice(0, -1)].join(' >>> '));
  return host ? [...host.shadowRoot!.querySelectorAll<T>(rest[rest.length - 1])] : [];
}

/** Visible text, whitespace folded. */
export const text = (element: Node | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Waits until `check` passes (returns truthy), with a readable failure. */
export function until(check: () => unknown, message = 'condition never became true', timeout = 10_000) {
  return waitUntil(async () => {
    try {
      return !!(await check());
    } catch {
      return false;
    }
  }, message, { timeout });
}

/** Waits until a widget shows its content (list, summary or gauge), its empty state or an error. */
export const untilLoaded = (el: HTMLElement) =>
  until(() => $(el, '[part~=list], [part~=summary], [part~=gauge], [part~=empty], [role=alert]'), 'never loaded');

/** Replaces what an input holds by typing, as an agent would. */
export async function typeInto(input: HTMLInputElement, value: string) {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  if (value) await sendKeys({ type: value });
}

/** Lets pending microtasks, timers and renders settle. */
export const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asserts that nothing was found. On failure it names what was found, briefly: chai would
 * try to print the whole element (with its shadow tree and framework state) and hang.
 */
export function expectNone(found: Element | null | undefined, what = 'element') {
  expect(found ? found.outerHTML.slice(0, 200) : null, `${what} should not be there`).to.equal(null);
}

/**
 * Time for tests that do real work on a server or render every element: the verdict must not
 * depend on how busy the machine is, only on whether the work is done right.
 */
export const SLOW_TEST_MS = 120_000;

/** A `describe` whose tests may take SLOW_TEST_MS (for suites run by a shared runner, e.g. the conformance suite). */
export const slowDescribe = (name: string, body: () => void) =>
  describe(name, function () {
    this.timeout(SLOW_TEST_MS);
    body();
  });
