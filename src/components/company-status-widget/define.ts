import { defineElement } from '../../internal/define-element.js';
import { CompanyStatusWidget } from './company-status-widget.js';

defineElement('company-status-widget', CompanyStatusWidget);
