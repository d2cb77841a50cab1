import { defineElement } from '../../internal/define-element.js';
import { SettingsWidget } from './settings-widget.js';

defineElement('settings-widget', SettingsWidget);
