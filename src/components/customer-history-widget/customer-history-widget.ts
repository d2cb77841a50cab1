import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { HistoryEntry, Page } from '../../data/contract/types.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { problemText } from '../../internal/field-problems.js';
import { formatDateTime } from '../../internal/format.js';
import { msg, str } from '../../internal/localize.js';
import { listStyles } from '../../internal/list.styles.js';
import { Paging } from '../../internal/paging.js';
import { SaveController } from '../../internal/save-controller.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { formStyles } from '../../internal/form.styles.js';
import { styles } from './customer-history-widget.styles.js';

/**
 * A customer's history: the latest notes and activities (five to a page), with the
 * customer's ticket events mixed in on request, and a note added in place when the source
 * can write one. A note that cannot be saved keeps its text and says why; a saved note
 * shows at once, without loading the list again.
 *
 * @summary The latest notes and activities of a customer, and adding a note.
 * @tag customer-history-widget
 *
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart include-tickets - The "Include tickets" switch.
 * @csspart add-button - Opens the note form.
 * @csspart note-form - The note form.
 * @csspart note-input - The note's text.
 * @csspart save-button - Saves the note.
 * @csspart message - Why a note could not be saved.
 * @csspart list - The entries.
 * @csspart entry - Each entry.
 * @csspart pager - The paging controls.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @csspart empty - The "none" state.
 */
export class CustomerHistoryWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, formStyles, styles];

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** Mixes the customer's ticket events (created, closed) into the history. */
  @property({ type: Boolean, attribute: 'include-tickets' }) includeTickets = false;

  @state() private pageSize = 5;
  @state() private writing = false;
  @state() private draft = '';
  /** Notes saved here over the page loaded then: shown first, without a reload, until a load brings another page. */
  @state() private added?: { entries: HistoryEntry[]; over: Page<HistoryEntry> | undefined };

  private readonly paging: Paging = new Paging(this, () => this.history.complete);

  private get customer(): string {
    return this.subjectValue('customerId', this.customerId);
  }

  private readonly history = new DataController<Page<HistoryEntry>, [string, boolean, number, string | undefined]>(this, {
    args: () => [this.customer, this.includeTickets, this.pageSize, this.paging.cursor],
    ready: ([id]) => id !== '',
    isEmpty: (page) => page.items.length === 0 && this.addedOver(page).length === 0,
    load: (source, [id, includeTickets, size, cursor], signal) => {
      if (!source.listCustomerHistory) throw new Error(msg('This data source has no customer history.'));
      return source.listCustomerHistory(id, { page: { size, cursor }, includeTickets, signal });
    },
  });

  /** The notes saved over `page` (none once another page is loaded). */
  private addedOver(page: Page<HistoryEntry>): HistoryEntry[] {
    return this.added?.over === page ? this.added.entries : [];
  }

  private lastCustomer = '';
  protected override willUpdate(): void {
    if (this.customer !== this.lastCustomer) {
      this.lastCustomer = this.customer;
      this.paging.reset();
      this.writing = false;
      this.draft = '';
    }
  }

  private get canWrite(): boolean {
    return typeof this.effectiveDataSource?.addCustomerNote === 'function';
  }

  override render() {
    return html`<div class="toolbar">
        <label part="include-tickets">
          <input type="checkbox" .checked=${this.includeTickets} @change=${(e: Event) => this.toggleTickets((e.target as HTMLInputElement).checked)} />
          ${msg('Include tickets')}
        </label>
        ${this.canWrite && !this.writing
          ? html`<button class="button" part="add-button" type="button" @click=${this.openForm}>${msg('Add note')}</button>`
          : nothing}
      </div>
      ${this.writing ? this.renderForm() : nothing}
      ${this.history.render({ complete: (page) => this.renderList(page) })}`;
  }

  private toggleTickets(on: boolean): void {
    this.includeTickets = on;
    this.paging.reset();
  }

  private readonly saves = new SaveController(this);

  /** Why the note could not be saved, if it could not. */
  private get saveProblem(): string {
    const failure = this.saves.failure;
    if (!failure) return '';
    return failure.problems.text ? problemText(failure.problems.text, 'text') : failure.message;
  }

  private async openForm() {
    this.writing = true;
    this.saves.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('[part=note-input]')?.focus();
  }

  private async closeForm() {
    this.writing = false;
    this.saves.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part=add-button]')?.focus();
  }

  private renderForm() {
    return html`<form part="note-form" class="note-form" @submit=${this.save} novalidate>
      <label for="note">${msg('Note')}</label>
      <textarea id="note" part="note-input" rows="3" .value=${this.draft} aria-invalid=${this.saveProblem ? 'true' : 'false'}
        aria-describedby=${this.saveProblem ? 'note-message' : nothing}
        @input=${(e: InputEvent) => (this.draft = (e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.closeForm()}></textarea>
      ${this.saveProblem ? html`<p class="message" part="message" id="note-message" role="alert">${this.saveProblem}</p>` : nothing}
      <div class="actions">
        <button class="button primary" part="save-button" type="submit" ?disabled=${this.saves.saving}>${msg('Save')}</button>
        <button class="button" type="button" @click=${this.closeForm}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private async save(event: Event) {
    event.preventDefault();
    const source = this.effectiveDataSource;
    if (!source?.addCustomerNote) return;
    const over = this.history.value;
    const entry = await this.saves.save([this.customer, this.draft], (options) =>
      source.addCustomerNote!(this.customer, { text: this.draft }, options),
    );
    if (!entry) return;
    this.added = { entries: [entry, ...(over ? this.addedOver(over) : [])], over };
    this.draft = '';
    await this.closeForm();
  }

  private renderList(page: Page<HistoryEntry>) {
    const shown = new Set(page.items.map((entry) => entry.id));
    const entries = this.paging.number === 1 ? [...this.addedOver(page).filter((entry) => !shown.has(entry.id)), ...page.items] : page.items;
    return html`<ol part="list">
        ${entries.map(
          (entry) => html`<li part="entry" class="entry kind-${entry.kind}">
            <div class="meta">
              <time datetime=${entry.at}>${formatDateTime(entry.at)}</time>
              ${entry.author ? html`<span class="author">${entry.author}</span>` : nothing}
              <span class="kind">${kindLabel(entry)}</span>
            </div>
            <p class="text">${entry.text}</p>
          </li>`,
        )}
      </ol>
      ${this.paging.render(page, this.pageSize, msg('History'), (size) => {
        this.pageSize = size;
        this.paging.reset();
      })}`;
  }
}

function kindLabel(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'note':
      return msg('Note');
    case 'activity':
      return msg('Activity');
    case 'ticket-created':
      return msg(str`Ticket ${entry.ticketNumber ?? ''} created`);
    case 'ticket-closed':
      return msg(str`Ticket ${entry.ticketNumber ?? ''} closed`);
    default:
      return '';
  }
}
