import { expect } from '@open-wc/testing';
import { html, nothing, render } from 'lit';
import { joined, markup, row, type Markup } from '../../src/internal/joined-template.js';

/** A table body rendered with `rows` into a fresh container. */
function renderRows(rows: unknown) {
  const table = document.createElement('table');
  render(html`<tbody>${rows}</tbody>`, table);
  return table;
}

const statusCell = (status: string, urgent: boolean): Markup =>
  urgent ? markup`<td class="status"><strong>${status}</strong></td>` : markup`<td class="status">${status}</td>`;

describe('joined templates', () => {
  it('renders a row of cells in order, with their bindings: text, attributes, events and nested pieces', () => {
    const clicks: string[] = [];
    const table = renderRows(
      row([
        markup`<td class="id" title=${'Ticket 7'}>${7}</td>`,
        markup`<td><button type="button" @click=${() => clicks.push('open')}>${'Open'}</button></td>`,
        statusCell('new', true),
      ]),
    );
    const cells = [...table.querySelectorAll('td')];
    expect(cells.map((cell) => cell.textContent)).to.deep.equal(['7', 'Open', 'new']);
    expect(cells[0].title).to.equal('Ticket 7');
    expect(cells[2].querySelector('strong')?.textContent).to.equal('new');
    cells[1].querySelector('button')!.click();
    expect(clicks).to.deep.equal(['open']);
  });

  it('keeps values as text: markup in data is never parsed', () => {
    const table = renderRows(row([markup`<td>${'<img src=x onerror=alert(1)>'}</td>`]));
    expect(table.querySelector('img')).to.equal(null);
    expect(table.querySelector('td')!.textContent).to.equal('<img src=x onerror=alert(1)>');
  });

  it('gives the same shape the same template strings, and another shape others', () => {
    const a = row([statusCell('new', false)]);
    const b = row([statusCell('open', false)]);
    const c = row([statusCell('open', true)]);
    expect(a.strings).to.equal(b.strings);
    expect(a.values).to.deep.equal(['new']);
    expect(c.strings).not.to.equal(a.strings);
  });

  it('updates in place for the same shape and replaces the row for another', () => {
    const table = document.createElement('table');
    const show = (status: string, urgent: boolean) => render(html`<tbody>${row([statusCell(status, urgent)])}</tbody>`, table);
    show('new', false);
    const first = table.querySelector('tr');
    show('open', false);
    expect(table.querySelector('tr')).to.equal(first);
    expect(table.querySelector('td')!.textContent).to.equal('open');
    show('open', true);
    expect(table.querySelector('tr')).not.to.equal(first);
    expect(table.querySelector('strong')!.textContent).to.equal('open');
  });

  it('leaves Lit templates and nothing as bindings', () => {
    const table = renderRows(row([markup`<td>${html`<em>${'inner'}</em>`}${nothing}</td>`]));
    expect(table.querySelector('td')!.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('<em>inner</em>');
  });

  it('updates a Lit template inside a piece as a binding: the row stays when another one takes its place', () => {
    const table = document.createElement('table');
    const show = (content: unknown) => render(html`<tbody>${row([markup`<td>${content}</td>`])}</tbody>`, table);
    show(html`<em>${'first'}</em>`);
    const first = table.querySelector('tr');
    show(html`<strong>${'second'}</strong>`);
    expect(table.querySelector('tr'), 'the same row').to.equal(first);
    expect(table.querySelector('td')!.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('<strong>second</strong>');
  });

  it('makes one template of a piece with a list of pieces in it, empty lists included', () => {
    const container = document.createElement('div');
    const template = joined(markup`<p>${[markup`<b>${1}</b>`, markup`<i>${2}</i>`]}${[]}</p>`);
    expect(template.values).to.deep.equal([1, 2]);
    render(template, container);
    expect(container.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal('<p><b>1</b><i>2</i></p>');
  });

  it('never gives two different shapes the same template strings', () => {
    // A fresh literal per cell (as distinct call sites would be): the shape names each by a number.
    const literal = (n: number) => Object.assign([`<td class="c${n}">`, '</td>'], { raw: [`<td class="c${n}">`, '</td>'] }) as unknown as TemplateStringsArray;
    const cell = (n: number) => markup(literal(n), n);
    const twice = cell(-1);
    const pair = () => row([twice, twice]);
    // Two cells of one literal side by side against one cell of each later literal (enough of
    // them that their numbers reach those of the pair written one after the other).
    for (let n = 0; n < 20_000; n++) {
      pair();
      const single = row([cell(n)]);
      if (!single.strings.join('').includes(`class="c${n}"`)) expect.fail(`row of cell ${n} got the strings of another shape`);
    }
    expect(pair().strings.join('')).to.equal('<tr><td class="c-1"></td><td class="c-1"></td></tr>');
  });

  it('fails loudly, in Lit dev mode, when a piece is dropped into html`` instead of joined', () => {
    expect('litIssuedWarnings' in globalThis, 'the tests run Lit in dev mode').to.equal(true);
    const container = document.createElement('div');
    const piece = markup`<b>${'bold'}</b>`;
    expect(() => render(html`<p>${piece}</p>`, container)).to.throw(/joined\(\.\.\.\) or row\(\.\.\.\)/);
    expect(() => render(html`<p>${[piece, piece]}</p>`, document.createElement('div'))).to.throw(/markup piece/);
    expect(container.textContent).not.to.contain('[object Object]');
    expect(() => `${piece}`).to.throw(/markup piece/);
    expect(() => String(piece)).to.throw(/markup piece/);
    // Joined, the same piece renders.
    render(joined(piece), container);
    expect(container.querySelector('b')!.textContent).to.equal('bold');
  });
});
