import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { RefData } from '../builder/attribute-refs.js';
import type { DocumentPath } from './condition-node.js';

/** What an update function asked for, checked against the schema; its value is written later, by the entity's writer. */
export type UpdateRequestKind = 'set' | 'setIfNotExists' | 'add' | 'subtract' | 'append' | 'prepend' | 'deleteFromSet' | 'remove';

export interface UpdateRequest {
  readonly kind: UpdateRequestKind;
  readonly target: RefData;
  /** The value as given (own properties only); absent for `remove`. */
  readonly value?: unknown;
}

/** One update operation ready to compile, e.g. `u.add({ eventCount: 1 })` becomes `{ kind: 'add', path: ['eventCount'], ... }`. */
export type UpdateOperationNode =
  | {
      readonly kind: 'set' | 'setIfNotExists' | 'add' | 'subtract' | 'append' | 'prepend' | 'deleteFromSet';
      readonly path: DocumentPath;
      readonly value: AttributeValue;
    }
  | { readonly kind: 'remove'; readonly path: DocumentPath };

/**
 * An update expression ElectroDB wrote (for entities whose hooks only ElectroDB can run), with
 * its own placeholders; the compiler maps them onto the action's placeholders.
 */
export interface WrittenUpdateExpression {
  readonly expression: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, AttributeValue>>;
}
