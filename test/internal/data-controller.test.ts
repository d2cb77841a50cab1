import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import type { DataSource } from '../../src/data/contract/data-source.js';
import type { Customer } from '../../src/data/contract/types.js';
import { RateLimitedError, UnavailableError } from '../../src/data/contract/errors.js';
import { CicElement } from '../../src/internal/cic-element.js';
import { DataController } from '../../src/internal/data-controller.js';
import { dataStateStyles } from '../../src/internal/theme.styles.js';

interface Call {
  term: string;
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

/** A data source whose answers (a customer named as given) the test gives by hand, in any order. */
function manualSource() {
  const calls: Call[] = [];
  const source = {
    getCustomer: (term: string, { signal }: { signal: AbortSignal }) =>
      new Promise<Customer>((resolve, reject) =>
        calls.push({ term, signal, resolve: (name) => resolve({ id: term, name }), reject }),
      ),
  } as unknown as DataSource;
  return { source, calls };
}

class ProbeElement extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles];
  @property() term = '';
  data = new DataController<string, [string]>(this, {
    args: () => [this.term],
    ready: ([term]) => term.length > 0,
    load: async (source, [term], signal) => (await source.getCustomer(term, { signal }))?.name ?? '',
  });
  override render() {
    return this.data.render({ complete: (value) => litHtml`<p class="value">${value}</p>` });
  }
}
customElements.define('probe-element', ProbeElement);

const shown = (el: ProbeElement) => el.shadowRoot!.querySelector('.value')?.textContent ?? null;
const settle = async (el: ProbeElement) => {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};

describe('DataController', () => {
  it('aborts a superseded load and never shows its late answer', async () => {
    const { source, calls } = manualSource();
    const el = await fixture<ProbeElement>(html`<probe-element .dataSource=${source} term="first"></probe-element>`);
    expect(calls).to.have.length(1);
    el.term = 'second';
    await el.updateComplete;
    expect(calls).to.have.length(2);
    expect(calls[0].signal.aborted).to.equal(true);
    calls[1].resolve('answer to second');
    await settle(el);
    calls[0].resolve('late answer to first');
    await settle(el);
    expect(shown(el)).to.equal('answer to second');
  });

  it('keeps the previous value while new inputs load, but not as the current one', async () => {
    const { source, calls } = manualSource();
    const el = await fixture<ProbeElement>(html`<probe-element .dataSource=${source} term="first"></probe-element>`);
    calls[0].resolve('answer to first');
    await settle(el);
    expect(el.data.currentValue).to.equal('answer to first');
    el.term = 'second';
    await el.updateComplete;
    expect(el.data.value, 'the latest loaded').to.equal('answer to first');
    expect(el.data.currentValue, 'loaded for other inputs').to.equal(undefined);
    calls[1].resolve('answer to second');
    await settle(el);
    expect(el.data.currentValue).to.equal('answer to second');
  });

  it('shows loading, then an error with retry that recovers', async () => {
    const { source, calls } = manualSource();
    const el = await fixture<ProbeElement>(html`<probe-element .dataSource=${source} term="x"></probe-element>`);
    expect(el.shadowRoot!.querySelector('[role=status]')).to.exist;
    calls[0].reject(new UnavailableError());
    await settle(el);
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('The data source is unavailable.');
    alert.querySelector('button')!.click();
    await el.updateComplete;
    expect(calls).to.have.length(2);
    calls[1].resolve('recovered');
    await settle(el);
    expect(shown(el)).to.equal('recovered');
  });

  it('does not load again, nor abort, when the host is only moved in the DOM', async () => {
    const { source, calls } = manualSource();
    const box = await fixture<HTMLDivElement>(html`<div><section id="a"></section><section id="b"></section></div>`);
    const el = document.createElement('probe-element') as ProbeElement;
    el.dataSource = source;
    el.term = 'x';
    box.querySelector('#a')!.append(el);
    await el.updateComplete;
    box.querySelector('#b')!.append(el); // moved while loading
    await nextFrame();
    expect(calls[0].signal.aborted).to.equal(false);
    calls[0].resolve('loaded');
    await settle(el);
    box.querySelector('#a')!.append(el); // moved after loading
    await nextFrame();
    expect(calls).to.have.length(1);
    expect(shown(el)).to.equal('loaded');
  });

  it('aborts when removed for good, and loads again when put back', async () => {
    const { source, calls } = manualSource();
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('probe-element') as ProbeElement;
    el.dataSource = source;
    el.term = 'x';
    box.append(el);
    await el.updateComplete;
    el.remove();
    await nextFrame();
    expect(calls[0].signal.aborted).to.equal(true);
    box.append(el);
    await waitUntil(() => calls.length === 2);
    calls[1].resolve('back');
    await settle(el);
    expect(shown(el)).to.equal('back');
  });

  it('drops a pending rate-limit retry when the inputs change meanwhile', async () => {
    const { source, calls } = manualSource();
    const el = await fixture<ProbeElement>(html`<probe-element .dataSource=${source} term="x"></probe-element>`);
    calls[0].reject(new RateLimitedError(150));
    await settle(el);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.disabled).to.equal(true);
    el.term = 'y';
    await el.updateComplete;
    calls[1].resolve('answer to y');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).to.have.length(2);
    expect(shown(el)).to.equal('answer to y');
  });
});
