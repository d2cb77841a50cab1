import { defineElement } from '../../internal/define-element.js';
import { TicketListWidget } from './ticket-list-widget.js';

defineElement('ticket-list-widget', TicketListWidget);
