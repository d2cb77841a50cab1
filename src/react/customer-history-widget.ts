// `customer-information-center/react/customer-history-widget`: the React component of
// <customer-history-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/customer-history-widget/define.js';
import { CustomerHistoryWidget as Element } from '../components/customer-history-widget/customer-history-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const CustomerHistoryWidget = reactComponent('customer-history-widget', Element);
