// `customer-information-center/react/customer-user-form`: the React component of
// <customer-user-form>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-user-form/define.js';
import { CustomerUserForm as Element } from '../components/customer-user-form/customer-user-form.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerUserForm = reactComponent('customer-user-form', Element);
