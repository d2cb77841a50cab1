// `customer-information-center/react/customer-user-information-center`: the React component of
// <customer-user-information-center>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-user-information-center/define.js';
import { CustomerUserInformationCenter as Element } from '../components/customer-user-information-center/customer-user-information-center.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerUserInformationCenter = reactComponent('customer-user-information-center', Element);
