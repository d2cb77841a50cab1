import { defineElement } from '../../internal/define-element.js';
import { CustomerHealthWidget } from './customer-health-widget.js';

defineElement('customer-health-widget', CustomerHealthWidget);
