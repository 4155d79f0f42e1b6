import type { ItemTarget } from './item-target.js';

/** One `Get` of a TransactGetItems request. */
export interface GetNode extends ItemTarget {
  readonly kind: 'get';
}
