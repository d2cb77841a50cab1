// `customer-information-center/react/customer-health-widget`: the React component of
// <customer-health-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-health-widget/define.js';
import { CustomerHealthWidget as Element } from '../components/customer-health-widget/customer-health-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerHealthWidget = reactComponent('customer-health-widget', Element);
