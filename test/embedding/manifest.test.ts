import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { UnauthorizedError, UnavailableError } from '../../src/data/contract/errors.js';
import { ELEMENTS } from '../../src/define-all.js';
import { CIC_EVENTS } from '../../src/events.js';
import { $, fixtureSource, settle, SLOW_TEST_MS, until } from '../support/helpers.js';
import { wrapCalls } from '../support/wrap-calls.js';

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  members?: { name: string; privacy?: string; type?: { text: string } }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

const manifest = async () => (await (await fetch('/custom-elements.json')).json()) as Manifest;
const declarations = (m: Manifest) => m.modules.flatMap((module) => module.declarations ?? []);

/** Every call of the source fails. */
function broken(): DataSource {
  const spy = fixtureSource();
  for (const method of ['getCustomer', 'getCompanyStatus', 'listTickets', 'countTickets', 'listCustomerUsers', 'getCustomerUser', 'getTicketStatistics',
    'getCustomerHealth', 'listCustomerHistory']) spy.fail(method, () => new UnavailableError());
  return spy.source;
}

/** Every call of the source is refused for want of a session (HTTP 401). */
const refusing = () => wrapCalls(fixtureSource().source, () => Promise.reject(new UnauthorizedError('Token expired')));

/** The parts an element renders itself (not those inside nested elements). */
function partsOf(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/)).filter(Boolean);
}

/** Each element in the states that show its parts: with data (opened as far as a user would), failing. */
function states(tag: string, failing: () => DataSource = broken): TemplateResult[] {
  const element = (source: DataSource | undefined, setup: (el: HTMLElement & Record<string, unknown>) => void) => {
    const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
    if (source) el.dataSource = source;
    setup(el);
    return html`${el}`;
  };
  const user = ['customer-user-information-center', 'customer-ids-widget', 'customer-user-information-widget'].includes(tag);
  const setup = (el: HTMLElement & Record<string, unknown>) => {
    if (user) el.customerUserLogin = 'bob';
    else el.customerId = 'ACME';
    if (tag === 'ticket-list-widget') el.customerUserLogin = 'bob';
  };
  return [element(fixtureSource().source, setup), element(failing(), setup)];
}

/** Opens what shows only on demand: forms, the column chooser, the settings, the search. */
async function openEverything(el: HTMLElement) {
  for (const selector of ['[part=add-button]', '[part=columns-button]', '[part=toggle]', '[part=edit-button]', '[part=contact-button]']) {
    $<HTMLButtonElement>(el, selector)?.click();
  }
  (el as unknown as { show?: () => void }).show?.();
  await settle(300);
}

describe('custom-elements.json', () => {
  it('lists the public API only, with detail types for events, spelled-out types and shipped paths', async () => {
    const m = await manifest();
    for (const module of m.modules) {
      expect(module.path, module.path).to.match(/^dist\/.+\.js$/);
      const names = (module.declarations ?? []).map((d) => d.name);
      expect(names, `${module.path}: one declaration per name`).to.deep.equal([...new Set(names)]);
      for (const entry of module.exports ?? []) {
        if (entry.kind === 'custom-element-definition') expect(entry.name, `${module.path}: a definition of a real tag`).to.include('-');
      }
    }
    for (const declaration of declarations(m)) {
      for (const member of declaration.members ?? []) {
        expect(member.privacy ?? 'public', `${declaration.name}.${member.name}`).to.equal('public');
        expect(member.type?.text ?? '', `${declaration.name}.${member.name}`).to.not.match(/^(TicketView|TicketFilter|StateCategory)\b/);
      }
      for (const event of declaration.events ?? []) {
        expect(CIC_EVENTS as readonly string[], `${declaration.name}: ${event.name}`).to.include(event.name);
        expect(event.type?.text, `${declaration.name}: ${event.name}`).to.match(/^CustomEvent<.+>$/);
      }
    }
    const documented = declarations(m).filter((d) => d.tagName).map((d) => `<${d.tagName}> ${d.name}`).sort();
    expect(documented, 'the @tag of each class').to.deep.equal(Object.entries(ELEMENTS).map(([tag, element]) => `<${tag}> ${element.name}`).sort());
  });

  it('documents every part each element renders', async function () {
    this.timeout(SLOW_TEST_MS);
    const m = await manifest();
    const documented = new Map(declarations(m).filter((d) => d.tagName).map((d) => [d.tagName!, new Set((d.cssParts ?? []).map((p) => p.name))]));
    const missing: string[] = [];
    for (const tag of Object.keys(ELEMENTS)) {
      for (const template of states(tag)) {
        const wrapper = await fixture<HTMLElement>(html`<div>${template}</div>`);
        const el = wrapper.firstElementChild as HTMLElement;
        await until(() => !$(el, '[part=loading]'), `${tag} never loaded`).catch(() => undefined);
        await openEverything(el);
        for (const part of partsOf(el)) if (!documented.get(tag)!.has(part)) missing.push(`${tag}: ${part}`);
      }
    }
    expect([...new Set(missing)]).to.deep.equal([]);
  });

  it('documents cic-auth-required on exactly the elements that fire it when their calls are refused', async function () {
    this.timeout(SLOW_TEST_MS);
    const m = await manifest();
    const documented = new Set(declarations(m).filter((d) => d.events?.some((e) => e.name === 'cic-auth-required')).map((d) => d.tagName));
    const wrong: string[] = [];
    for (const tag of Object.keys(ELEMENTS)) {
      let fired = false;
      const wrapper = await fixture<HTMLElement>(html`<div @cic-auth-required=${() => (fired = true)}>${states(tag, refusing)[1]}</div>`);
      const el = wrapper.firstElementChild as HTMLElement;
      // What calls only on use: a search, a save.
      (el as unknown as { show?: () => void }).show?.();
      const inputs = { 'customer-input': 'acme', firstName: 'Carla', lastName: 'Aaron', login: 'carla', email: 'carla@acme.example' };
      for (const [id, value] of Object.entries(inputs)) {
        const input = $<HTMLInputElement>(el, `#${id}`);
        if (!input) continue;
        input.value = value;
        input.dispatchEvent(new InputEvent('input'));
      }
      $<HTMLButtonElement>(el, '[part=save-button]')?.click();
      if (documented.has(tag)) await until(() => fired, `${tag} never fired it`).catch(() => wrong.push(`${tag}: documented, never fired`));
      else if ((await settle(500), fired)) wrong.push(`${tag}: fired, not documented`);
    }
    expect(wrong).to.deep.equal([]);
  });
});
