import { defineElement } from '../../internal/define-element.js';
import { CustomerUsersWidget } from './customer-users-widget.js';

defineElement('customer-users-widget', CustomerUsersWidget);
