import type { AttributePlan, EntityPlan } from '../schema/entity-plan.js';
import type {
  AddableValues,
  AnyEntity,
  AppendableValues,
  RemovableName,
  SetMemberValues,
  SettableValues,
  SubtractableValues,
} from '../schema/entity-types.js';
import type { UpdateOperationNode } from '../nodes/update-node.js';
import { marshalValue } from '../schema/marshal.js';
import { invalidValueError } from '../errors/errors.js';
import { notUpdatableMessage, unknownAttributeMessage } from '../errors/messages.js';
import { describeValue } from '../errors/user-text.js';

/**
 * The typed update operations of one entity. Each method accepts only the attributes its
 * operation fits (`add` takes numbers and sets, `remove` only optional attributes, ...) and
 * returns a new builder, so `u.add(...).set(...)` reads as one update.
 */
export interface UpdateOperations<E extends AnyEntity, Chosen extends boolean = false> {
  /**
   * Type-only: whether an operation was chosen yet. An update function must return a builder
   * with at least one, so `(u) => u` does not compile.
   */
  readonly 'at least one operation'?: Chosen;
  /** `SET a = :v` */
  set(values: SettableValues<E>): UpdateOperations<E, true>;
  /** `SET a = if_not_exists(a, :v)` */
  setIfNotExists(values: SettableValues<E>): UpdateOperations<E, true>;
  /** `ADD a :v`: adds to a number (a missing one counts as 0) or adds members to a set. */
  add(values: AddableValues<E>): UpdateOperations<E, true>;
  /** `SET a = a - :v` */
  subtract(values: SubtractableValues<E>): UpdateOperations<E, true>;
  /** `SET a = list_append(a, :v)` (the list must exist). */
  append(values: AppendableValues<E>): UpdateOperations<E, true>;
  /** `DELETE a :v`: removes members from a set. */
  deleteFromSet(values: SetMemberValues<E>): UpdateOperations<E, true>;
  /** `REMOVE a`: only attributes that are not required. */
  remove(attributes: readonly RemovableName<E>[]): UpdateOperations<E, true>;
}

export type UpdateFn<E extends AnyEntity> = (update: UpdateOperations<E>) => UpdateOperations<E, true>;

type ValueOperation = Exclude<UpdateOperationNode['kind'], 'remove'>;

const KINDS_FOR: Record<ValueOperation, readonly AttributePlan['kind'][] | undefined> = {
  set: undefined,
  setIfNotExists: undefined,
  add: ['number', 'set'],
  subtract: ['number'],
  append: ['list'],
  deleteFromSet: ['set'],
};

const NOUN_FOR: Record<ValueOperation, string> = {
  set: 'any attribute',
  setIfNotExists: 'any attribute',
  add: 'numbers and sets',
  subtract: 'numbers',
  append: 'lists',
  deleteFromSet: 'sets',
};

class UpdateOperationsImpl {
  /**
   * The one update call this builder belongs to. An update function must return a builder
   * descended from the one it was given: another entity's builder, or one kept from an earlier
   * call, would apply operations meant for another item.
   */
  readonly #origin: object;

  constructor(
    readonly plan: EntityPlan,
    readonly operations: readonly UpdateOperationNode[],
    /** Attributes given a plain new value (`set`): secondary-index keys are rebuilt from these. */
    readonly assigned: Readonly<Record<string, unknown>>,
    origin: object,
  ) {
    this.#origin = origin;
    Object.freeze(this);
  }

  isFrom(origin: object): boolean {
    return this.#origin === origin;
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
      if (typeof name !== 'string') throw invalidValueError(`remove() on ${this.plan.name} takes attribute names, got ${describeValue(name)}`);
      const attribute = this.#updatable(name);
      if (attribute.required) throw invalidValueError(notUpdatableMessage(this.plan.name, attribute.name, 'it is required, so it cannot be removed'));
      this.#refuseIndexComposite(attribute, 'remove');
      return { kind: 'remove', field: attribute.field };
    });
    return new UpdateOperationsImpl(this.plan, [...this.operations, ...added], this.assigned, this.#origin);
  }

  #withValues(kind: ValueOperation, values: unknown) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw invalidValueError(`${kind}() on ${this.plan.name} takes an object of attribute values, got ${describeValue(values)}`);
    }
    const added: UpdateOperationNode[] = [];
    const assigned = kind === 'set' ? { ...this.assigned } : this.assigned;
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const attribute = this.#updatable(name);
      const kinds = KINDS_FOR[kind];
      if (kinds !== undefined && !kinds.includes(attribute.kind)) {
        throw invalidValueError(notUpdatableMessage(this.plan.name, name, `${kind}() works on ${NOUN_FOR[kind]}, and ${name} is ${attribute.kind === 'enum' ? 'an enum' : `a ${attribute.kind}`}`));
      }
      added.push({ kind, field: attribute.field, value: marshalValue(this.plan.name, attribute, value, { bytes: 0 }) });
      if (kind === 'set') (assigned as Record<string, unknown>)[name] = value;
      else this.#refuseIndexComposite(attribute, kind);
    }
    return new UpdateOperationsImpl(this.plan, [...this.operations, ...added], assigned, this.#origin);
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
  const origin = {};
  const result = (fn as (u: UpdateOperationsImpl) => unknown)(new UpdateOperationsImpl(plan, [], {}, origin));
  if (!(result instanceof UpdateOperationsImpl) || !result.isFrom(origin)) {
    throw invalidValueError(
      `The update function for ${plan.name} must return the builder it was given (or one made from it), e.g. (u) => u.add({ count: 1 }); it returned ${
        result instanceof UpdateOperationsImpl ? `a builder from ${result.plan === plan ? 'another update' : `an update of ${result.plan.name}`}` : describeValue(result)
      }`,
    );
  }
  return { operations: result.operations, assigned: result.assigned };
}
