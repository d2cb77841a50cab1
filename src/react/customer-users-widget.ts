// `customer-information-center/react/customer-users-widget`: the React component of
// <customer-users-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-users-widget/define.js';
import { CustomerUsersWidget as Element } from '../components/customer-users-widget/customer-users-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerUsersWidget = reactComponent('customer-users-widget', Element);
