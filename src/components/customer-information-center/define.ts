import { defineElement } from '../../internal/define-element.js';
import { CustomerInformationCenter } from './customer-information-center.js';

defineElement('customer-information-center', CustomerInformationCenter);
