import { html, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { property, state } from 'lit/decorators.js';
import type { CustomerUser, CustomerUserPage, Page } from '../../data/contract/types.js';
import { CustomerUserForm } from '../customer-user-form/customer-user-form.js';
import type { CustomerUserSavedDetail } from '../../events.js';
import { CicElement } from '../../internal/cic-element.js';
import { renderCount } from '../../internal/count-link.js';
import { markup, row } from '../../internal/joined-template.js';
import { DataController } from '../../internal/data-controller.js';
import { renderLoading } from '../../internal/data-states.js';
import { emit } from '../../internal/events.js';
import { ContactCardController } from '../../internal/contact-card.js';
import { fullName } from '../../internal/format.js';
import { msg, str } from '../../internal/localize.js';
import { PAGE_SIZES, Paging } from '../../internal/paging.js';
import { oneOf, PreferenceController } from '../../internal/preference-controller.js';
import { listStyles } from '../../internal/list.styles.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { fillUrlTemplate } from '../../internal/url.js';
import { keepWhileSameKey } from '../../internal/memo.js';
import { styles } from './customer-users-widget.styles.js';

/** The counts of a user the source did not count (a GROUP BY leaves out users without tickets). */
const NO_TICKETS = { open: 0, closed: 0 };

/** Typing in the filter box pauses this long (ms) before the list reloads. */
export const FILTER_DEBOUNCE_MS = 250;

/** Everything one page of the list is loaded for. */
interface UsersRequest {
  customerId: string;
  filter: string;
  pageSize: number;
  cursor?: string;
}

type FormState = { mode: 'add' } | { mode: 'edit'; user: CustomerUser } | undefined;

/** The preference key of the page size. */
export const CUSTOMER_USERS_PAGE_SIZE_KEY = 'customer-users:page-size';

/**
 * The customer's customer users: paged by the data source, sorted by name,
 * with a filter box; open/closed ticket counts of a page in one batched call; links to
 * create a phone or email ticket; add and edit (when the data source can write).
 *
 * @summary The customer users of a customer, with their ticket counts and actions.
 * @tag customer-users-widget
 *
 * @fires customer-user-selected - A login was activated: `{customerUserLogin, customerId}`.
 * @fires ticket-search-requested - An open/closed count was activated: `{customerId, customerUserLogin, status}`.
 * @fires ticket-create-requested - A Create link was activated (when no URL template is set): `{channel, customerUserLogin, customerId}`.
 * @fires cic-auth-required - A call was refused for want of a valid session (HTTP 401): `{message}`. Renew it; Retry then works.
 *
 * @csspart filter - The filter box.
 * @csspart table - The table of customer users.
 * @csspart count - Each open/closed count.
 * @csspart contact-button - Opens a user's contact card (also after resting the pointer on the name).
 * @csspart contact-card - The contact card: address, phone, mobile, email.
 * @csspart add-button - **Add customer user**.
 * @csspart pager - The paging controls.
 * @csspart loading - The loading state.
 * @csspart error - The error state; `retry-button` inside.
 * @csspart retry-button - Retry, in the error state.
 * @csspart empty - The "none" state.
 */
export class CustomerUsersWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, listStyles, styles];
  static override dependencies = { 'customer-user-form': CustomerUserForm };

  /** The customer (exact id). */
  @property({ attribute: 'customer-id' }) customerId = '';
  /** Makes counts links: `{customerId}`, `{customerUserLogin}` and `{status}` are replaced (URL-encoded). */
  @property({ attribute: 'ticket-search-url-template' }) ticketSearchUrlTemplate = '';
  /** Makes Create links real links: `{channel}`, `{customerUserLogin}` and `{customerId}` are replaced. */
  @property({ attribute: 'ticket-create-url-template' }) ticketCreateUrlTemplate = '';

  @state() private filterDraft = '';
  @state() private filter = '';
  @state() private form: FormState;

  private filterTimer?: ReturnType<typeof setTimeout>;
  private readonly paging: Paging = new Paging(this, () => this.users.complete);
  private readonly contactCard = new ContactCardController(this);

  private readonly pageSize = new PreferenceController<number>(
    this,
    () => CUSTOMER_USERS_PAGE_SIZE_KEY,
    (stored) => oneOf(stored, PAGE_SIZES, 10),
    () => this.paging.number === 1,
  );

  /** The customer whose users are listed: this element's own, else the container's. */
  private get customer(): string {
    return this.subjectValue('customerId', this.customerId);
  }

  /** The customer the list was last reset for (a new one clears filter, paging and form). */
  private listedCustomer = '';

  private readonly sameRequest = keepWhileSameKey<UsersRequest | undefined>((request) => JSON.stringify(request ?? null));

  /** What to load now: `undefined` until there is a customer and the stored page size is read (or waited for long enough). */
  private get request(): UsersRequest | undefined {
    const customerId = this.customer;
    if (!customerId || !this.pageSize.loaded) return this.sameRequest(undefined);
    return this.sameRequest({ customerId, filter: this.filter, pageSize: this.pageSize.value, cursor: this.paging.cursor });
  }

  /** A page of users with the ticket counts of all of them: one call (two for a source that cannot combine). */
  private readonly users = new DataController<Required<Pick<CustomerUserPage, 'ticketCounts'>> & CustomerUserPage, [UsersRequest | undefined]>(this, {
    args: () => [this.request],
    ready: ([request]) => request !== undefined,
    isEmpty: (page) => page.items.length === 0,
    load: async (source, [request], signal) => {
      const { customerId, filter, pageSize, cursor } = request!;
      const page = await source.listCustomerUsers(customerId, { page: { size: pageSize, cursor }, filter: filter || undefined, withTicketCounts: true, signal });
      const logins = page.items.map((user) => user.login);
      const ticketCounts = page.ticketCounts ?? (logins.length ? await source.countTicketsByUser(logins, { signal }) : {});
      return { ...page, ticketCounts };
    },
  });

  protected override willUpdate(): void {
    if (this.customer !== this.listedCustomer) {
      this.listedCustomer = this.customer;
      // Nothing typed for the previous customer applies to the next one.
      clearTimeout(this.filterTimer);
      this.filterDraft = '';
      this.filter = '';
      this.paging.reset();
      this.form = undefined;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.filterTimer);
  }

  private get canWrite(): boolean {
    const source = this.effectiveDataSource;
    return !!source?.capabilities.writeCustomerUsers && !!source.createCustomerUser && !!source.updateCustomerUser;
  }

  private onFilterInput(value: string) {
    this.filterDraft = value;
    clearTimeout(this.filterTimer);
    this.filterTimer = setTimeout(() => {
      this.filter = value.trim();
      this.paging.reset();
    }, FILTER_DEBOUNCE_MS);
  }

  private onSaved = (event: CustomEvent<CustomerUserSavedDetail>) => {
    if (event.detail.finished) this.closeForm();
    this.users.reload();
  };

  /** Opens the add or edit form and moves focus into it. */
  private async openForm(form: NonNullable<FormState>) {
    this.form = form;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form')?.focus();
  }

  /** Closes the form; focus goes back to the add button (or the filter without one). */
  private async closeForm() {
    this.form = undefined;
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>('[part=add-button]') ?? this.renderRoot.querySelector('[part=filter]');
    target?.focus();
  }

  override render() {
    return html`<div class="toolbar">
        <label class="filter">
          <span class="visually-hidden">${msg('Filter customer users')}</span>
          <input type="search" part="filter" placeholder=${msg('Filter customer users')} .value=${this.filterDraft}
            @input=${(e: InputEvent) => this.onFilterInput((e.target as HTMLInputElement).value)} />
        </label>
        ${this.canWrite && !this.form
          ? html`<button class="button" part="add-button" type="button" @click=${() => this.openForm({ mode: 'add' })}>
              ${msg('Add customer user')}
            </button>`
          : nothing}
      </div>
      ${this.form ? this.renderForm(this.form) : nothing}
      ${this.users.render({ initial: () => this.customer && renderLoading(), complete: (page) => this.renderTable(page) })}`;
  }

  private renderForm(form: NonNullable<FormState>) {
    const tag = unsafeStatic(this.tagOf('customer-user-form'));
    return staticHtml`<${tag} class="form" customer-id=${this.customer} .dataSource=${this.effectiveDataSource}
      .requestTimeout=${this.effectiveRequestTimeout}
      .user=${form.mode === 'edit' ? form.user : undefined}
      @customer-user-saved=${this.onSaved} @customer-user-form-cancelled=${this.closeForm}></${tag}>`;
  }

  private renderTable(page: Page<CustomerUser>) {
    return html`<div class="table-wrap">
        <table part="table">
          <thead>
            <tr>
              <th scope="col">${msg('Login')}</th>
              <th scope="col">${msg('Name')}</th>
              <th scope="col" class="number">${msg('Open')}</th>
              <th scope="col" class="number">${msg('Closed')}</th>
              <th scope="col">${msg('Phone ticket')}</th>
              <th scope="col">${msg('Email ticket')}</th>
              ${this.canWrite ? html`<th scope="col"><span class="visually-hidden">${msg('Edit')}</span></th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${page.items.map((user, index) => this.renderRow(user, index))}
          </tbody>
        </table>
      </div>
      ${this.paging.render(page, this.pageSize.value, msg('Customer Users'), (size) => {
        this.pageSize.set(size);
        this.paging.reset();
      })}`;
  }

  private renderRow(user: CustomerUser, index: number) {
    const counted = this.users.value?.ticketCounts;
    // Own keys only: a login named `constructor` is a login like any other.
    const counts = counted && (Object.hasOwn(counted, user.login) ? counted[user.login] : NO_TICKETS);
    const name = fullName(user);
    const count = (status: 'open' | 'closed', label: string) =>
      counts
        ? renderCount(this, counts[status], { customerId: this.customer, customerUserLogin: user.login, status },
            this.ticketSearchUrlTemplate, `${label} – ${name}`)
        : '…';
    const cells = [
      markup`<td>
        <button class="link" type="button"
          @click=${() => emit(this, 'customer-user-selected', { customerUserLogin: user.login, customerId: user.customerId })}>
          ${user.login}
        </button>
      </td>`,
      markup`<td>
        ${this.contactCard.render(user, index)}
        ${user.email ? markup`<span class="muted text">${user.email}</span>` : nothing}
      </td>`,
      markup`<td class="number">${count('open', msg('Open tickets'))}</td>`,
      markup`<td class="number">${count('closed', msg('Closed tickets'))}</td>`,
      markup`<td>${this.createMarkup('phone', user)}</td>`,
      markup`<td>${this.createMarkup('email', user)}</td>`,
    ];
    if (this.canWrite) {
      cells.push(markup`<td>
        <button class="icon" type="button" aria-label=${msg(str`Edit ${user.login}`)}
          @click=${() => this.openForm({ mode: 'edit', user })}>✎</button>
      </td>`);
    }
    return row(cells);
  }

  private createMarkup(channel: 'phone' | 'email', user: CustomerUser) {
    const detail = { channel, customerUserLogin: user.login, customerId: user.customerId };
    const label = channel === 'phone' ? msg(str`Create phone ticket for ${user.login}`) : msg(str`Create email ticket for ${user.login}`);
    const href = fillUrlTemplate(this.ticketCreateUrlTemplate, detail);
    return href
      ? markup`<a href=${href} aria-label=${label}>${msg('Create')}</a>`
      : markup`<button class="link" type="button" aria-label=${label}
          @click=${() => emit(this, 'ticket-create-requested', detail)}>${msg('Create')}</button>`;
  }
}
