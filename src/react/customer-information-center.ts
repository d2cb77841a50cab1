// `customer-information-center/react/customer-information-center`: the React component of
// <customer-information-center>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-information-center/define.js';
import { CustomerInformationCenter as Element } from '../components/customer-information-center/customer-information-center.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerInformationCenter = reactComponent('customer-information-center', Element);
