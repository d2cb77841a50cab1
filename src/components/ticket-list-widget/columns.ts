import { html, type TemplateResult } from 'lit';
import type { Ticket, TicketSortField } from '../../data/types.js';
import { formatDateTime, formatRelative } from '../../internal/format.js';
import { msg } from '../../internal/localize.js';

export interface ColumnContext {
  now: Date;
  renderNumber: (ticket: Ticket) => TemplateResult;
}

export type ColumnId =
  | 'number' | 'age' | 'title' | 'state' | 'queue' | 'priority' | 'owner' | 'customerUser'
  | 'created' | 'changed' | 'pendingUntil' | 'escalation';

interface Column {
  label: () => string;
  sortField?: TicketSortField;
  /** The whole cell, `<td class="col-<id>">…</td>`, as one template (one instance per cell, not two). */
  render: (ticket: Ticket, context: ColumnContext) => TemplateResult;
}

/** A date that is highlighted once it has passed (pending until, escalation). */
function deadline(iso: string | undefined, now: Date) {
  if (!iso) return '';
  const passed = Date.parse(iso) <= now.getTime();
  const text = html`<time datetime=${iso} title=${formatDateTime(iso)}>${formatRelative(iso, now)}</time>`;
  return passed ? html`<span class="overdue" part="overdue">${text}<span class="visually-hidden"> (${msg('passed')})</span></span>` : text;
}

const dateTime = (iso: string | undefined) => (iso ? html`<time datetime=${iso}>${formatDateTime(iso)}</time>` : '');

export const COLUMNS: Record<ColumnId, Column> = {
  number: { label: () => msg('Ticket#'), sortField: 'number', render: (t, c) => html`<td class="col-number">${c.renderNumber(t)}</td>` },
  age: {
    label: () => msg('Age'),
    sortField: 'age',
    render: (t, c) =>
      html`<td class="col-age"><time datetime=${t.createdAt} title=${formatDateTime(t.createdAt)}>${formatRelative(t.createdAt, c.now)}</time></td>`,
  },
  title: { label: () => msg('Title'), sortField: 'title', render: (t) => html`<td class="col-title"><span class="text" title=${t.title}>${t.title}</span></td>` },
  state: { label: () => msg('State'), sortField: 'state', render: (t) => html`<td class="col-state">${t.state}</td>` },
  queue: { label: () => msg('Queue'), sortField: 'queue', render: (t) => html`<td class="col-queue">${t.queueName ?? t.queueId ?? ''}</td>` },
  priority: {
    label: () => msg('Priority'),
    sortField: 'priority',
    render: (t) => html`<td class="col-priority">${t.priority !== undefined ? String(t.priority) : ''}</td>`,
  },
  owner: { label: () => msg('Owner'), sortField: 'owner', render: (t) => html`<td class="col-owner">${t.ownerName ?? t.ownerId ?? ''}</td>` },
  customerUser: { label: () => msg('Customer user'), sortField: 'customerUser', render: (t) => html`<td class="col-customerUser">${t.customerUserLogin ?? ''}</td>` },
  created: { label: () => msg('Created'), sortField: 'created', render: (t) => html`<td class="col-created">${dateTime(t.createdAt)}</td>` },
  changed: { label: () => msg('Changed'), sortField: 'changed', render: (t) => html`<td class="col-changed">${dateTime(t.changedAt)}</td>` },
  pendingUntil: {
    label: () => msg('Pending until'),
    sortField: 'pendingUntil',
    render: (t, c) => html`<td class="col-pendingUntil">${deadline(t.pendingUntil, c.now)}</td>`,
  },
  escalation: {
    label: () => msg('Escalation'),
    sortField: 'escalation',
    render: (t, c) => html`<td class="col-escalation">${deadline(t.escalationAt, c.now)}</td>`,
  },
};

export const DEFAULT_COLUMNS: ColumnId[] = ['number', 'age', 'title'];
/** Every column but the number, which always comes first. */
export const OPTIONAL_COLUMNS: ColumnId[] = (Object.keys(COLUMNS) as ColumnId[]).filter((id) => id !== 'number');
