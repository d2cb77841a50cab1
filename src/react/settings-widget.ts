// `customer-information-center/react/settings-widget`: the React component of
// <settings-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/settings-widget/define.js';
import { SettingsWidget as Element } from '../components/settings-widget/settings-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const SettingsWidget = reactComponent('settings-widget', Element);
