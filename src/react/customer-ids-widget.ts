// `customer-information-center/react/customer-ids-widget`: the React component of
// <customer-ids-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-ids-widget/define.js';
import { CustomerIdsWidget as Element } from '../components/customer-ids-widget/customer-ids-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerIdsWidget = reactComponent('customer-ids-widget', Element);
