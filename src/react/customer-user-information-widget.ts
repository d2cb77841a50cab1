// `customer-information-center/react/customer-user-information-widget`: the React component of
// <customer-user-information-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-user-information-widget/define.js';
import { CustomerUserInformationWidget as Element } from '../components/customer-user-information-widget/customer-user-information-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerUserInformationWidget = reactComponent('customer-user-information-widget', Element);
