import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CustomerUser, CustomerUserInput } from '../../data/contract/types.js';
import { validateCustomerUser } from '../../data/contract/validation.js';
import { CicElement } from '../../internal/cic-element.js';
import { emit } from '../../internal/events.js';
import { problemText } from '../../internal/field-problems.js';
import { msg } from '../../internal/localize.js';
import { SaveController } from '../../internal/save-controller.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { formStyles } from '../../internal/form.styles.js';
import { styles } from './customer-user-form.styles.js';

type FieldName = 'login' | 'customerId' | 'title' | 'firstName' | 'lastName' | 'email' | 'phone' | 'mobile';

interface FieldSpec {
  name: FieldName;
  label: () => string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
}

const FIELDS: FieldSpec[] = [
  { name: 'title', label: () => msg('Title or salutation'), autocomplete: 'honorific-prefix' },
  { name: 'firstName', label: () => msg('First name'), required: true, autocomplete: 'given-name' },
  { name: 'lastName', label: () => msg('Last name'), required: true, autocomplete: 'family-name' },
  { name: 'login', label: () => msg('Login'), required: true, autocomplete: 'off' },
  { name: 'email', label: () => msg('Email'), required: true, type: 'email', autocomplete: 'email' },
  { name: 'customerId', label: () => msg('Customer ID'), required: true, autocomplete: 'off' },
  { name: 'phone', label: () => msg('Phone'), type: 'tel', autocomplete: 'tel' },
  { name: 'mobile', label: () => msg('Mobile'), type: 'tel', autocomplete: 'tel' },
];

/**
 * Adds or edits a customer user: required login, first and last name and a
 * valid email; messages inline per field; errors of the data source (validation,
 * conflict) shown on their fields. A failed save keeps everything typed.
 *
 * @summary The form to add or edit a customer user.
 * @tag customer-user-form
 *
 * @fires customer-user-saved - Saved: `{user, finished}`; `finished` is false for an edit's plain **Save**.
 * @fires customer-user-form-cancelled - The agent left the form without saving.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart form - The form.
 * @csspart input - Each input.
 * @csspart message - Each field's message.
 * @csspart status - "Saving…" while a save runs, then "Saved.".
 * @csspart save-button - **Save**.
 * @csspart finish-button - **Save and finish** (edit only).
 * @csspart cancel-button - **Cancel**.
 */
export class CustomerUserForm extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, formStyles, styles];
  /** `focus()` on the form moves focus to its first field. */
  static override shadowRootOptions = { ...CicElement.shadowRootOptions, delegatesFocus: true };

  /** Prefills the customer id of a new customer user. */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** The customer user to edit; unset to add one. */
  @property({ attribute: false }) user?: CustomerUser;

  @state() private values: Partial<Record<FieldName, string>> = {};
  @state() private problems: Partial<Record<FieldName, string>> = {};
  @state() private formError = '';
  @state() private savedNotice = false;

  private readonly saves = new SaveController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('user') || (changed.has('customerId') && !this.user)) {
      const user = this.user;
      this.values = user
        ? Object.fromEntries(FIELDS.map((f) => [f.name, String(user[f.name] ?? '')]))
        : { customerId: this.customerId };
      this.problems = {};
      this.formError = '';
    }
  }

  override render() {
    const editing = this.user !== undefined;
    return html`<form part="form" novalidate aria-labelledby="heading" aria-busy=${this.saves.saving ? 'true' : 'false'} @submit=${(e: SubmitEvent) => this.onSubmit(e, true)}>
      <h3 id="heading">${editing ? msg('Edit customer user') : msg('Add customer user')}</h3>
      ${this.formError ? html`<p class="message" role="alert">${this.formError}</p>` : nothing}
      <div class="fields">${FIELDS.map((spec) => this.renderField(spec))}</div>
      <p class="saved" role="status" part="status">${this.saves.saving ? msg('Saving…') : this.savedNotice ? msg('Saved.') : nothing}</p>
      <div class="actions">
        ${editing
          ? html`<button class="button" part="save-button" type="button" ?disabled=${this.saves.saving}
                @click=${(e: Event) => this.onSubmit(e, false)}>${msg('Save')}</button>
              <button class="button primary" part="finish-button" type="submit" ?disabled=${this.saves.saving}>
                ${msg('Save and finish')}
              </button>`
          : html`<button class="button primary" part="save-button" type="submit" ?disabled=${this.saves.saving}>
              ${msg('Save')}
            </button>`}
        <button class="button" part="cancel-button" type="button" @click=${this.cancel}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private renderField(spec: FieldSpec) {
    const problem = this.problems[spec.name];
    return html`<div class="field">
      <label for=${spec.name} class=${spec.required ? 'required' : ''}>${spec.label()}</label>
      <input id=${spec.name} name=${spec.name} part="input" type=${spec.type ?? 'text'}
        autocomplete=${spec.autocomplete ?? 'on'} ?required=${spec.required}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${spec.name}-message` : nothing}
        .value=${this.values[spec.name] ?? ''}
        @input=${(e: InputEvent) => this.onInput(spec.name, (e.target as HTMLInputElement).value)} />
      ${problem ? html`<p class="message" part="message" id="${spec.name}-message">${problemText(problem, spec.name)}</p>` : nothing}
    </div>`;
  }

  private onInput(name: FieldName, value: string) {
    this.values = { ...this.values, [name]: value };
    this.savedNotice = false;
    if (this.problems[name]) this.problems = { ...this.problems, [name]: undefined };
  }

  private input(): CustomerUserInput {
    const trimmed = Object.fromEntries(
      Object.entries(this.values).map(([key, value]) => [key, value?.trim() || undefined]),
    ) as Partial<CustomerUserInput>;
    return { ...this.user, ...trimmed } as CustomerUserInput;
  }

  private async onSubmit(event: Event, finish: boolean) {
    event.preventDefault();
    // One save at a time: a second click or Enter while saving sends nothing.
    if (this.saves.saving) return;
    const input = this.input();
    const problems = validateCustomerUser(input);
    this.formError = '';
    if (Object.keys(problems).length) return this.showProblems(problems);
    const source = this.effectiveDataSource;
    const write = this.user ? source?.updateCustomerUser : source?.createCustomerUser;
    if (!source || !write) {
      this.formError = msg('Saving is not possible: the data source cannot write customer users.');
      return;
    }
    const login = this.user?.login;
    const user = await this.saves.save([login, input], (options) =>
      login !== undefined ? source.updateCustomerUser!(login, input, options) : source.createCustomerUser!(input, options),
    );
    const failure = this.saves.failure;
    if (failure) {
      if (Object.keys(failure.problems).length) return this.showProblems(failure.problems);
      this.formError = failure.message;
      return;
    }
    if (!user) return;
    const finished = finish || !this.user;
    if (!finished) {
      this.user = user;
      this.savedNotice = true;
    }
    emit(this, 'customer-user-saved', { user, finished });
  }

  private async showProblems(problems: Record<string, string>) {
    const known = FIELDS.filter((f) => problems[f.name]);
    this.problems = Object.fromEntries(known.map((f) => [f.name, problems[f.name]]));
    const unplaced = Object.keys(problems).filter((name) => !FIELDS.some((f) => f.name === name));
    if (unplaced.length) this.formError = unplaced.map((name) => `${name}: ${problemText(problems[name], name)}`).join(' ');
    await this.updateComplete;
    if (known.length) this.renderRoot.querySelector<HTMLInputElement>(`#${known[0].name}`)?.focus();
  }

  private cancel() {
    this.saves.cancel();
    emit(this, 'customer-user-form-cancelled', undefined);
  }
}
