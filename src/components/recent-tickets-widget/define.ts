import { defineElement } from '../../internal/define-element.js';
import { RecentTicketsWidget } from './recent-tickets-widget.js';

defineElement('recent-tickets-widget', RecentTicketsWidget);
