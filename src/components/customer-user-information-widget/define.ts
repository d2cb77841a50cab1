import { defineElement } from '../../internal/define-element.js';
import { CustomerUserInformationWidget } from './customer-user-information-widget.js';

defineElement('customer-user-information-widget', CustomerUserInformationWidget);
