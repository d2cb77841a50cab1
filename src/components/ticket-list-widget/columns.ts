import type { Ticket, TicketSortField } from '../../data/contract/types.js';
import { formatDateTime, formatRelative } from '../../internal/format.js';
import { msg } from '../../internal/localize.js';
import { markup, type Markup } from '../../internal/joined-template.js';

export interface ColumnContext {
  now: Date;
  /** The ticket number's link (with a ticket URL template) or button; `onSelect` for the button. */
  ticketHref: (ticket: Ticket) => string | undefined;
  onSelect: (ticket: Ticket) => void;
}

export type ColumnId =
  | 'number' | 'age' | 'title' | 'state' | 'queue' | 'priority' | 'owner' | 'customerUser'
  | 'created' | 'changed' | 'pendingUntil' | 'escalation';

interface Column {
  label: () => string;
  sortField?: TicketSortField;
  /** The whole cell, `<td class="col-<id>">…</td>`; a row's cells become one template (see `row`). */
  render: (ticket: Ticket, context: ColumnContext) => Markup;
}

function numberCell(ticket: Ticket, context: ColumnContext): Markup {
  const href = context.ticketHref(ticket);
  return href
    ? markup`<td class="col-number"><a part="ticket-link" href=${href}>${ticket.number}</a></td>`
    : markup`<td class="col-number"><button class="link" part="ticket-link" type="button"
        @click=${() => context.onSelect(ticket)}>${ticket.number}</button></td>`;
}

/** A date that is highlighted once it has passed (pending until, escalation). */
function deadlineCell(className: string, iso: string | undefined, now: Date): Markup {
  if (!iso) return markup`<td class=${className}></td>`;
  const title = formatDateTime(iso);
  const relative = formatRelative(iso, now);
  return Date.parse(iso) <= now.getTime()
    ? markup`<td class=${className}><span class="overdue" part="overdue"><time datetime=${iso} title=${title}>${relative}</time><span
        class="visually-hidden"> (${msg('passed')})</span></span></td>`
    : markup`<td class=${className}><time datetime=${iso} title=${title}>${relative}</time></td>`;
}

function dateTimeCell(className: string, iso: string | undefined): Markup {
  return iso ? markup`<td class=${className}><time datetime=${iso}>${formatDateTime(iso)}</time></td>` : markup`<td class=${className}></td>`;
}

const textCell = (className: string, text: string) => markup`<td class=${className}>${text}</td>`;

export const COLUMNS: Record<ColumnId, Column> = {
  number: { label: () => msg('Ticket#'), sortField: 'number', render: numberCell },
  age: {
    label: () => msg('Age'),
    sortField: 'age',
    render: (t, c) =>
      markup`<td class="col-age"><time datetime=${t.createdAt} title=${formatDateTime(t.createdAt)}>${formatRelative(t.createdAt, c.now)}</time></td>`,
  },
  title: { label: () => msg('Title'), sortField: 'title', render: (t) => markup`<td class="col-title"><span class="text" title=${t.title}>${t.title}</span></td>` },
  state: { label: () => msg('State'), sortField: 'state', render: (t) => textCell('col-state', t.state) },
  queue: { label: () => msg('Queue'), sortField: 'queue', render: (t) => textCell('col-queue', t.queueName ?? t.queueId ?? '') },
  priority: {
    label: () => msg('Priority'),
    sortField: 'priority',
    render: (t) => textCell('col-priority', t.priority !== undefined ? String(t.priority) : ''),
  },
  owner: { label: () => msg('Owner'), sortField: 'owner', render: (t) => textCell('col-owner', t.ownerName ?? t.ownerId ?? '') },
  customerUser: { label: () => msg('Customer user'), sortField: 'customerUser', render: (t) => textCell('col-customerUser', t.customerUserLogin ?? '') },
  created: { label: () => msg('Created'), sortField: 'created', render: (t) => dateTimeCell('col-created', t.createdAt) },
  changed: { label: () => msg('Changed'), sortField: 'changed', render: (t) => dateTimeCell('col-changed', t.changedAt) },
  pendingUntil: {
    label: () => msg('Pending until'),
    sortField: 'pendingUntil',
    render: (t, c) => deadlineCell('col-pendingUntil', t.pendingUntil, c.now),
  },
  escalation: {
    label: () => msg('Escalation'),
    sortField: 'escalation',
    render: (t, c) => deadlineCell('col-escalation', t.escalationAt, c.now),
  },
};

export const DEFAULT_COLUMNS: ColumnId[] = ['number', 'age', 'title'];
/** Every column but the number, which always comes first. */
export const OPTIONAL_COLUMNS: ColumnId[] = (Object.keys(COLUMNS) as ColumnId[]).filter((id) => id !== 'number');
