// `customer-information-center/react/customer-search-dialog`: the React component of
// <customer-search-dialog>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-search-dialog/define.js';
import { CustomerSearchDialog as Element } from '../components/customer-search-dialog/customer-search-dialog.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerSearchDialog = reactComponent('customer-search-dialog', Element);
