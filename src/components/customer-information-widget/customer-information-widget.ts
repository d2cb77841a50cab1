import { TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Customer } from '../../data/contract/types.js';
import { problemText } from '../../internal/field-problems.js';
import { CicElement } from '../../internal/cic-element.js';
import { DataController } from '../../internal/data-controller.js';
import { loadCustomer } from '../../internal/shared-request.js';
import { msg } from '../../internal/localize.js';
import { SaveController } from '../../internal/save-controller.js';
import { formStyles } from '../../internal/form.styles.js';
import { styles } from './customer-information-widget.styles.js';
import { customFields, field, formatAddress, invalidBadge, webLink } from '../../internal/record-fields.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { recordStyles } from '../../internal/record.styles.js';

/** While the agent edits the custom fields: what was typed, and for which version. */
interface Editing {
  drafts: Record<string, string>;
  version?: string;
}

/**
 * The customer's record: name, address, URL, comment and custom fields; an
 * invalid customer is marked. When the data source can change customers, Edit turns the
 * custom fields into inputs (Save / Cancel): a field the source refuses says why beside
 * it, and a record changed meanwhile can be reloaded without losing what was typed. The widget hides itself (the `hidden` attribute, which the
 * container honours for the whole card) when the customer has no record.
 *
 * @summary The details of a customer.
 * @tag customer-information-widget
 *
 * @csspart fields - The record's fields (a `<dl>`: each label a `<dt>`, its value a `<dd>`).
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart invalid - The mark of an invalid customer.
 * @csspart url - The customer's web address (a link that opens a new tab, http and https only).
 * @csspart edit-button - Edits the custom fields (when the data source can change customers).
 * @csspart fields-form - The custom fields being edited; `save-button`, `reload-button` and `message` inside.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 */
export class CustomerInformationWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, recordStyles, formStyles, styles];

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';

  private readonly customer = new DataController<Customer | undefined, [string]>(this, {
    args: () => [this.subjectValue('customerId', this.customerId)],
    ready: ([id]) => id !== '',
    load: (source, [id], signal) => loadCustomer(source, id, signal),
  });

  @state() private editing?: Editing;
  private readonly saves = new SaveController(this);
  /** The record as the latest save answered it, shown over the record it replaced until a load brings another. */
  @state() private saved?: { answer: Customer; replaces: Customer | undefined };

  private get canEdit(): boolean {
    return typeof this.effectiveDataSource?.updateCustomer === 'function';
  }

  protected override updated(): void {
    this.toggleAttribute('hidden', this.customer.status === TaskStatus.COMPLETE && this.customer.value === undefined);
  }

  override render() {
    return this.customer.render({
      complete: (loaded) => {
        const customer = this.saved && this.saved.replaces === loaded ? this.saved.answer : loaded;
        return customer ? this.renderCustomer(customer) : '';
      },
    });
  }

  private renderCustomer(customer: Customer) {
    return html`${invalidBadge(customer.valid)}
      <dl part="fields">
        ${field(msg('Name'), customer.name)} ${field(msg('Customer ID'), customer.id)}
        ${field(msg('Address'), formatAddress(customer))} ${field(msg('URL'), webLink(customer.url))}
        ${field(msg('Comment'), customer.comment)} ${this.editing ? nothing : customFields(customer.customFields)}
      </dl>
      ${this.editing ? this.renderForm(customer, this.editing) : nothing}
      ${this.canEdit && !this.editing && Object.keys(customer.customFields ?? {}).length
        ? html`<button class="button" part="edit-button" type="button" @click=${() => this.edit(customer)}>${msg('Edit')}</button>`
        : nothing}`;
  }

  private async edit(customer: Customer) {
    this.editing = { drafts: { ...customer.customFields }, version: customer.version };
    this.saves.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part=fields-form] input')?.focus();
  }

  private async stopEditing() {
    this.editing = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part=edit-button]')?.focus();
  }

  private renderForm(customer: Customer, editing: Editing) {
    const labels = Object.keys(editing.drafts);
    const failure = this.saves.failure;
    const problems = failure?.problems ?? {};
    // Labels are data: one named `constructor` must not find Object's own.
    const problemOf = (label: string) => (Object.hasOwn(problems, label) ? problems[label] : undefined);
    // A message only for what no field shows: not a conflict (it has its own), not placed problems.
    const message = failure && !failure.conflict && !labels.some(problemOf) ? failure.message : '';
    return html`<form part="fields-form" class="fields-form" novalidate @submit=${(e: Event) => this.save(e, customer.id)}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.stopEditing()}>
      ${labels.map((label, index) => {
        const problem = problemOf(label);
        return html`<label for="field-${index}">${label}</label>
          <input id="field-${index}" .value=${editing.drafts[label]} aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? `field-${index}-message` : nothing}
            @input=${(e: InputEvent) => (this.editing = { ...editing, drafts: { ...editing.drafts, [label]: (e.target as HTMLInputElement).value } })} />
          ${problem ? html`<p class="message" part="message" id="field-${index}-message">${problemText(problem, label)}</p>` : nothing}`;
      })}
      ${failure?.conflict
        ? html`<p class="message" part="message" role="alert">
              ${msg('This customer was changed by someone else. Reload it to see the changes; what you typed is kept.')}
            </p>
            <button class="button" part="reload-button" type="button" @click=${this.reloadForConflict}>${msg('Reload')}</button>`
        : nothing}
      ${message ? html`<p class="message" part="message" role="alert">${message}</p>` : nothing}
      <div class="actions">
        <button class="button primary" part="save-button" type="submit" ?disabled=${this.saves.saving}>${msg('Save')}</button>
        <button class="button" type="button" @click=${this.stopEditing}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  /** Loads the record again; what was typed stays, and the next save is for the version loaded now. */
  private reloadForConflict = () => {
    this.customer.reload();
    this.customer.complete.then(
      (customer) => {
        if (!this.editing) return;
        this.editing = { ...this.editing, version: customer?.version };
        this.saves.clear();
      },
      () => undefined, // the widget shows the error with its Retry
    );
  };

  private async save(event: Event, customerId: string) {
    event.preventDefault();
    const source = this.effectiveDataSource;
    const editing = this.editing;
    if (!source?.updateCustomer || !editing) return;
    const update = { customFields: editing.drafts, version: editing.version };
    const replaces = this.customer.value;
    const answer = await this.saves.save([customerId, update], (options) => source.updateCustomer!(customerId, update, options));
    if (!answer) return;
    this.saved = { answer, replaces };
    await this.stopEditing();
  }
}
