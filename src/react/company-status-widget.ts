// `customer-information-center/react/company-status-widget`: the React component of
// <company-status-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/company-status-widget/define.js';
import { CompanyStatusWidget as Element } from '../components/company-status-widget/company-status-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CompanyStatusWidget = reactComponent('company-status-widget', Element);
