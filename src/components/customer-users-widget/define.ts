import { defineElement } from '../../internal/define-element.js';
import { CustomerUserForm } from '../customer-user-form/customer-user-form.js';
import { CustomerUsersWidget } from './customer-users-widget.js';

defineElement('customer-user-form', CustomerUserForm);
defineElement('customer-users-widget', CustomerUsersWidget);
