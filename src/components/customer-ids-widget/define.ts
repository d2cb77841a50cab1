import { defineElement } from '../../internal/define-element.js';
import { CustomerIdsWidget } from './customer-ids-widget.js';

defineElement('customer-ids-widget', CustomerIdsWidget);
