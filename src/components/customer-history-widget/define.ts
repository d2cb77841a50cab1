import { defineElement } from '../../internal/define-element.js';
import { CustomerHistoryWidget } from './customer-history-widget.js';

defineElement('customer-history-widget', CustomerHistoryWidget);
