import { defineElement } from '../../internal/define-element.js';
import { TicketStatisticsWidget } from './ticket-statistics-widget.js';

defineElement('ticket-statistics-widget', TicketStatisticsWidget);
