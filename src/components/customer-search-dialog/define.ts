import { defineElement } from '../../internal/define-element.js';
import { CustomerSearchDialog } from './customer-search-dialog.js';

defineElement('customer-search-dialog', CustomerSearchDialog);
