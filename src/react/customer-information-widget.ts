// `customer-information-center/react/customer-information-widget`: the React component of
// <customer-information-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-information-widget/define.js';
import { CustomerInformationWidget as Element } from '../components/customer-information-widget/customer-information-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerInformationWidget = reactComponent('customer-information-widget', Element);
