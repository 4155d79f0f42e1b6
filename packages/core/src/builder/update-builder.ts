import type { AttributePlan, EntityPlan } from '../schema/entity-plan.js';
import type { Rejected, rejected } from './compile-time-rules.js';
import type { NoOperationMessage, UnknownAttributeMessage } from '../errors/messages.js';
import type {
  AddableValues,
  AnyEntity,
  AttributeName,
  EntityName,
  AppendableValues,
  RemoveGuard,
  SetMemberValues,
  SettableValues,
  SubtractableValues,
} from '../schema/entity-types.js';
import type { UpdateOperationNode } from '../nodes/update-node.js';
import { marshalValue } from '../schema/marshal.js';
import { invalidValueError } from '../errors/errors.js';
import {
  notRemovableMessage,
  notUpdatableMessage,
  operationKindReason,
  removableList,
  unknownAttributeMessage,
  type NotRemovableReason,
} from '../errors/messages.js';

// The entity of an update builder, a type-only property: no value has it.
declare const updatedEntity: unique symbol;

/**
 * The typed update operations of one entity. Each method accepts only the attributes its
 * operation fits (`add` takes numbers and sets, `remove` only optional attributes, ...) and
 * returns a new builder, so `u.add(...).set(...)` reads as one update.
 *
 * As with transactions, the methods live on a non-generic interface (`UpdateMethods`) and
 * infer the entity from `this`: a generic method declared on a generic interface would make
 * TypeScript measure the variance of ElectroDB's whole entity class (over 100,000
 * instantiations, once). Each value operation infers its values (`Values`) against every
 * attribute plus any name, so that an unknown name is named by `UnknownNames`, while a value
 * of the wrong type fails the constraint and is reported on its property.
 */
export interface UpdateOperations<E extends AnyEntity, Chosen extends boolean = false> extends UpdateMethods {
  readonly [updatedEntity]: E;
  /**
   * Type-only: whether an operation was chosen yet. An update function must return a builder
   * with at least one: it must be a `Rejected<NoOperationMessage>`, which a builder is once an
   * operation was chosen, so `(u) => u` does not compile and says why.
   */
  readonly [rejected]: Chosen extends true ? NoOperationMessage : 'no operation chosen yet';
}

export interface UpdateMethods {
  /** `SET a = :v` */
  set<E extends AnyEntity, const Values extends SettableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `SET a = if_not_exists(a, :v)` */
  setIfNotExists<E extends AnyEntity, const Values extends SettableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `ADD a :v`: adds to a number (a missing one counts as 0) or adds members to a set. */
  add<E extends AnyEntity, const Values extends AddableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `SET a = a - :v` */
  subtract<E extends AnyEntity, const Values extends SubtractableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `SET a = list_append(a, :v)` (the list must exist). */
  append<E extends AnyEntity, const Values extends AppendableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `DELETE a :v`: removes members from a set. */
  deleteFromSet<E extends AnyEntity, const Values extends SetMemberValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `REMOVE a`: only attributes that are not required. */
  remove<E extends AnyEntity, const Names extends readonly string[]>(
    this: UpdateOperations<E, boolean>,
    attributes: Names & NoInfer<RemoveGuard<E, Names>>,
  ): UpdateOperations<E, true>;
}

/** Lets any name through inference, so that an unknown one is named by `UnknownNames`. */
type AnyNames = { readonly [name: string]: unknown };
type UnknownNames<E extends AnyEntity, Values> = keyof Values extends AttributeName<E>
  ? unknown
  : { readonly [P in Exclude<keyof Values, AttributeName<E>>]: Rejected<UnknownAttributeMessage<EntityName<E>, P & string>> };

/**
 * `(u) => u.add({ ... })`: chooses the operations of an update. It is generic in its builder so
 * that an update function that chooses none is reported as "Type 'Update' is not assignable to
 * type 'Rejected<...>'" rather than with the builder's whole type.
 */
export type UpdateFn<E extends AnyEntity> = <Update extends UpdateOperations<E>>(update: Update) => Rejected<NoOperationMessage>;

type ValueOperation = Exclude<UpdateOperationNode['kind'], 'remove'>;

const KINDS_FOR: Record<ValueOperation, readonly AttributePlan['kind'][] | undefined> = {
  set: undefined,
  setIfNotExists: undefined,
  add: ['number', 'set'],
  subtract: ['number'],
  append: ['list'],
  deleteFromSet: ['set'],
};


function notRemovable(plan: EntityPlan, attribute: AttributePlan | undefined): NotRemovableReason | undefined {
  if (attribute === undefined) return 'there is no such attribute';
  if (attribute.isPrimaryKeyComposite) return 'it is part of the key';
  if (attribute.readOnly) return 'it is read-only';
  if (attribute === plan.version) return 'it is the version attribute';
  if (attribute.required) return 'it is required';
  return undefined;
}

class UpdateOperationsImpl {
  constructor(
    readonly plan: EntityPlan,
    readonly operations: readonly UpdateOperationNode[],
    /** Attributes given a plain new value (`set`): secondary-index keys are rebuilt from these. */
    readonly assigned: Readonly<Record<string, unknown>>,
  ) {
    Object.freeze(this);
  }

  set(values: unknown) {
    return this.#withValues('set', values);
  }
  setIfNotExists(values: unknown) {
    return this.#withValues('setIfNotExists', values);
  }
  add(values: unknown) {
    return this.#withValues('add', values);
  }
  subtract(values: unknown) {
    return this.#withValues('subtract', values);
  }
  append(values: unknown) {
    return this.#withValues('append', values);
  }
  deleteFromSet(values: unknown) {
    return this.#withValues('deleteFromSet', values);
  }

  remove(attributes: unknown) {
    if (!Array.isArray(attributes)) throw invalidValueError('remove() takes an array of attribute names');
    const added: UpdateOperationNode[] = attributes.map((name: unknown) => {
      const attribute = this.#removable(String(name));
      this.#refuseIndexComposite(attribute, 'remove');
      return { kind: 'remove', field: attribute.field };
    });
    return new UpdateOperationsImpl(this.plan, [...this.operations, ...added], this.assigned);
  }

  #withValues(kind: ValueOperation, values: unknown) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw invalidValueError(`${kind}() takes an object of attribute values`);
    }
    const added: UpdateOperationNode[] = [];
    const assigned = kind === 'set' ? { ...this.assigned } : this.assigned;
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const attribute = this.#updatable(name);
      const kinds = KINDS_FOR[kind];
      if (kinds !== undefined && !kinds.includes(attribute.kind)) {
        throw invalidValueError(notUpdatableMessage(this.plan.name, name, operationKindReason(kind, name, attribute.kind)));
      }
      added.push({ kind, field: attribute.field, value: marshalValue(this.plan.name, attribute, value, { bytes: 0 }) });
      if (kind === 'set') (assigned as Record<string, unknown>)[name] = value;
      else this.#refuseIndexComposite(attribute, kind);
    }
    return new UpdateOperationsImpl(this.plan, [...this.operations, ...added], assigned);
  }

  /**
   * A secondary-index key is rebuilt from the new values of its composites; only `set`
   * gives us those values before DynamoDB computes them, so the other operations are refused
   * on index composites instead of leaving the index key stale.
   */
  #refuseIndexComposite(attribute: AttributePlan, operation: string) {
    const index = this.plan.secondary.find((i) => i.compositeNames.has(attribute.name));
    if (index !== undefined) {
      throw invalidValueError(notUpdatableMessage(this.plan.name, attribute.name, `it is part of index '${index.name}', whose key only set() can rebuild, not ${operation}()`));
    }
  }

  /** An attribute remove() can take: optional, and neither key, read-only nor the version. */
  #removable(name: string): AttributePlan {
    const attribute = this.plan.attributes.get(name);
    const why = notRemovable(this.plan, attribute);
    if (why !== undefined) {
      const removable = [...this.plan.attributes.values()].filter((a) => notRemovable(this.plan, a) === undefined).map((a) => a.name);
      throw invalidValueError(notRemovableMessage(this.plan.name, name, why, removableList(removable)));
    }
    return attribute!;
  }

  #updatable(name: string): AttributePlan {
    const attribute = this.plan.attributes.get(name);
    if (attribute === undefined) throw invalidValueError(unknownAttributeMessage(this.plan.name, name));
    if (attribute.isPrimaryKeyComposite) throw invalidValueError(notUpdatableMessage(this.plan.name, name, 'it is part of the key'));
    if (attribute.readOnly) throw invalidValueError(notUpdatableMessage(this.plan.name, name, 'it is read-only'));
    if (attribute === this.plan.version) {
      throw invalidValueError(notUpdatableMessage(this.plan.name, name, 'it is the version attribute, which dynatx writes from expectedVersion'));
    }
    return attribute;
  }
}

/** Runs a user's update function on a fresh builder and returns the operations it chose. */
export function buildUpdateOperations(
  plan: EntityPlan,
  fn: unknown,
): { operations: readonly UpdateOperationNode[]; assigned: Readonly<Record<string, unknown>> } {
  if (typeof fn !== 'function') throw invalidValueError(`update() on ${plan.name} takes an update function: (u) => u.set({ ... })`);
  const result = (fn as (u: UpdateOperationsImpl) => unknown)(new UpdateOperationsImpl(plan, [], {}));
  if (!(result instanceof UpdateOperationsImpl)) {
    throw invalidValueError(`The update function for ${plan.name} must return the builder it was given, e.g. (u) => u.add({ count: 1 })`);
  }
  return { operations: result.operations, assigned: result.assigned };
}
