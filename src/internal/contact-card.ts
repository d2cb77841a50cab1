import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CustomerUser } from '../data/contract/types.js';
import { fullName } from './format.js';
import { msg, str } from './localize.js';
import { contactFields, field, formatAddress } from './record-fields.js';

/** How long the pointer or the focus rests on a name before its card opens (ms). */
export const CONTACT_CARD_DELAY_MS = 400;

/**
 * A customer user's contact card (address, phone, mobile, email) as a disclosure: it opens
 * when the pointer rests on the name or the focus on its button for a moment, or at once
 * with the button (Enter, Space, click); Escape closes it and leaves the focus on the button.
 */
export class ContactCardController implements ReactiveController {
  private open?: string;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  private set(login: string | undefined): void {
    clearTimeout(this.timer);
    if (this.open === login) return;
    this.open = login;
    this.host.requestUpdate();
  }

  private later(login: string | undefined): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set(login), CONTACT_CARD_DELAY_MS);
  }

  /** The name with its disclosure button and, when open, its card; `key` makes the ids unique. */
  render(user: CustomerUser, key: number) {
    const name = fullName(user);
    const open = this.open === user.login;
    const id = `contact-card-${key}`;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !open) return;
      event.stopPropagation();
      this.set(undefined);
      (event.currentTarget as HTMLElement).querySelector<HTMLButtonElement>('button')?.focus();
    };
    const onFocusOut = (event: FocusEvent) => {
      if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) this.set(undefined);
    };
    return html`<span class="contact" @pointerenter=${() => this.later(user.login)} @pointerleave=${() => this.later(undefined)}
      @keydown=${onKeyDown} @focusout=${onFocusOut}>
      <span class="text">${name}</span>
      <button class="icon" part="contact-button" type="button" aria-expanded=${String(open)} aria-controls=${id}
        aria-label=${msg(str`Contact details of ${name}`)}
        @focus=${() => this.later(user.login)} @click=${() => this.set(open ? undefined : user.login)}>
        <span aria-hidden="true">ⓘ</span>
      </button>
      <div class="contact-card" part="contact-card" id=${id} role="group" aria-label=${msg(str`Contact details of ${name}`)} ?hidden=${!open}>
        ${open ? this.renderCard(user) : nothing}
      </div>
    </span>`;
  }

  private renderCard(user: CustomerUser) {
    const details = [formatAddress(user), user.phone, user.mobile, user.email].some(Boolean);
    if (!details) return html`<p>${msg('No contact details.')}</p>`;
    return html`<dl>
      ${field(msg('Address'), formatAddress(user))} ${contactFields(user)}
    </dl>`;
  }
}
