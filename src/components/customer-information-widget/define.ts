import { defineElement } from '../../internal/define-element.js';
import { CustomerInformationWidget } from './customer-information-widget.js';

defineElement('customer-information-widget', CustomerInformationWidget);
