import { defineElement } from '../../internal/define-element.js';
import { CustomerUserInformationCenter } from './customer-user-information-center.js';

defineElement('customer-user-information-center', CustomerUserInformationCenter);
