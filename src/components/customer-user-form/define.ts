import { defineElement } from '../../internal/define-element.js';
import { CustomerUserForm } from './customer-user-form.js';

defineElement('customer-user-form', CustomerUserForm);
