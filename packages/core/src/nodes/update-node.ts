import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** One typed update operation, e.g. `u.add({ eventCount: 1 })` becomes `{ kind: 'add', field: 'eventCount', ... }`. */
export type UpdateOperationNode =
  | { readonly kind: 'set' | 'setIfNotExists' | 'add' | 'subtract' | 'append' | 'deleteFromSet'; readonly field: string; readonly value: AttributeValue }
  | { readonly kind: 'remove'; readonly field: string };
