import type { AttributePlan, EntityPlan } from '../schema/entity-plan.js';
import type { Rejected, rejected } from './compile-time-rules.js';
import type { NoOperationMessage, UnknownAttributeMessage } from '../errors/messages.js';
import type {
  AddableValues,
  AnyEntity,
  AttributeRef,
  RefValue,
  UpdatableRefs,
  AttributeName,
  EntityName,
  AppendableValues,
  RemoveGuard,
  SetMemberValues,
  SettableValues,
  SubtractableValues,
} from '../schema/entity-types.js';
import type { UpdateRequest, UpdateRequestKind } from '../nodes/update-node.js';
import { REF, attributeRefsOf, refDataOf, type RefData } from './attribute-refs.js';
import { invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';
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
  /** `SET a = (if_not_exists(a, 0) - :v)`: a missing number counts as 0, as in ElectroDB. */
  subtract<E extends AnyEntity, const Values extends SubtractableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `SET a = list_append(if_not_exists(a, []), :v)`: adds elements at the end (a missing list counts as empty). */
  append<E extends AnyEntity, const Values extends AppendableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `SET a = list_append(:v, if_not_exists(a, []))`: adds elements at the start. */
  prepend<E extends AnyEntity, const Values extends AppendableValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `DELETE a :v`: removes members from a set. */
  deleteFromSet<E extends AnyEntity, const Values extends SetMemberValues<E> & AnyNames>(this: UpdateOperations<E, boolean>, values: Values & NoInfer<UnknownNames<E, Values>>): UpdateOperations<E, true>;
  /** `REMOVE a`: only attributes that are not required. */
  remove<E extends AnyEntity, const Names extends readonly string[]>(
    this: UpdateOperations<E, boolean>,
    attributes: Names & NoInfer<RemoveGuard<E, Names>>,
  ): UpdateOperations<E, true>;
  /**
   * `SET a.b = :v` / `SET a[2] = :v`: one map property or list element, chosen from the schema:
   * `u.setPath((t) => t.detail.ip, '10.0.0.1')`, `u.setPath((t) => t.notes.at(0), 'first')`.
   */
  setPath<E extends AnyEntity, R extends AttributeRef>(this: UpdateOperations<E, boolean>, path: (attributes: UpdatableRefs<E>) => R, value: RefValue<R>): UpdateOperations<E, true>;
  /** `REMOVE a.b` / `REMOVE a[2]`: one map property or list element (a list's later elements move up). */
  removePath<E extends AnyEntity>(this: UpdateOperations<E, boolean>, path: (attributes: UpdatableRefs<E>) => AttributeRef): UpdateOperations<E, true>;
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

type ValueOperation = Exclude<UpdateRequestKind, 'remove'>;

/** The attribute kinds each operation fits; `undefined`: any kind. */
const KINDS_FOR: Record<ValueOperation, readonly AttributePlan['kind'][] | undefined> = {
  set: undefined,
  setIfNotExists: undefined,
  add: ['number', 'set'],
  subtract: ['number'],
  append: ['list'],
  prepend: ['list'],
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

/**
 * The update builder handed to an update function. It records what the caller asked for,
 * checked against the schema (the attribute exists, may be updated, and fits the operation);
 * the values themselves are written by the entity's writer, which knows its hooks and keys.
 */
class UpdateOperationsImpl {
  /**
   * The one update call this builder belongs to. An update function must return a builder
   * descended from the one it was given: another entity's builder, or one kept from an earlier
   * call, would apply operations meant for another item.
   */
  readonly #origin: object;

  constructor(
    readonly plan: EntityPlan,
    readonly requests: readonly UpdateRequest[],
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
  prepend(values: unknown) {
    return this.#withValues('prepend', values);
  }
  deleteFromSet(values: unknown) {
    return this.#withValues('deleteFromSet', values);
  }

  remove(attributes: unknown) {
    if (!Array.isArray(attributes)) throw invalidValueError(`remove() on ${this.plan.name} takes an array of attribute names, got ${describeValue(attributes)}`);
    // Array.from: a hole in the array is an undefined name, refused, not a request left out.
    const added = Array.from(attributes as unknown[], (name: unknown): UpdateRequest => {
      if (typeof name !== 'string') throw invalidValueError(`remove() on ${this.plan.name} takes attribute names, got ${describeValue(name)}`);
      return { kind: 'remove', target: this.#rootRef(this.#removable(name)) };
    });
    return this.#with(added);
  }

  setPath(path: unknown, value: unknown) {
    const target = this.#pathRef(path, 'setPath()');
    if (value === undefined) throw invalidValueError(`setPath() on ${this.plan.name}.${target.attribute.path} takes a value; to delete it, use removePath()`);
    return this.#with([{ kind: 'set', target, value }]);
  }

  removePath(path: unknown) {
    const target = this.#pathRef(path, 'removePath()');
    if (target.attribute.required) {
      throw invalidValueError(notUpdatableMessage(this.plan.name, target.attribute.path, 'it is required, so it cannot be removed'));
    }
    return this.#with([{ kind: 'remove', target }]);
  }

  #withValues(kind: ValueOperation, values: unknown) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw invalidValueError(`${kind}() on ${this.plan.name} takes an object of attribute values, got ${describeValue(values)}`);
    }
    const added: UpdateRequest[] = [];
    for (const name of Object.keys(values)) {
      const value = (values as Record<string, unknown>)[name];
      if (value === undefined) continue;
      const attribute = this.#updatable(name);
      const kinds = KINDS_FOR[kind];
      if (kinds !== undefined && !kinds.includes(attribute.kind) && attribute.kind !== 'any') {
        throw invalidValueError(notUpdatableMessage(this.plan.name, name, operationKindReason(kind, name, attribute.kind)));
      }
      added.push({ kind, target: this.#rootRef(attribute), value });
    }
    return this.#with(added);
  }

  #with(added: readonly UpdateRequest[]) {
    return new UpdateOperationsImpl(this.plan, [...this.requests, ...added], this.#origin);
  }

  /** The (cached, immutable) reference to a top-level attribute. */
  #rootRef(attribute: AttributePlan): RefData {
    return attributeRefsOf(this.plan)[attribute.name]![REF];
  }

  /** A path chosen with `(t) => t.detail.ip`: from this entity, below an attribute that may be updated. */
  #pathRef(path: unknown, where: string): RefData {
    if (typeof path !== 'function') throw invalidValueError(`${where} on ${this.plan.name} takes a function choosing the path, such as (t) => t.detail.ip`);
    const target = refDataOf((path as (refs: unknown) => unknown)(attributeRefsOf(this.plan)), `${where} on ${this.plan.name}`);
    if (target.isSize || target.entityName !== this.plan.name || this.plan.attributes.get(target.root.name) !== target.root) {
      throw invalidValueError(`${where} on ${this.plan.name} takes a path of this entity's attributes`);
    }
    this.#updatable(target.root.name);
    return target;
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
export function buildUpdateRequests(plan: EntityPlan, fn: unknown): readonly UpdateRequest[] {
  if (typeof fn !== 'function') throw invalidValueError(`update() on ${plan.name} takes an update function: (u) => u.set({ ... })`);
  const origin = {};
  const result = (fn as (u: UpdateOperationsImpl) => unknown)(new UpdateOperationsImpl(plan, [], origin));
  if (!(result instanceof UpdateOperationsImpl) || !result.isFrom(origin)) {
    throw invalidValueError(
      `The update function for ${plan.name} must return the builder it was given (or one made from it), e.g. (u) => u.add({ count: 1 }); it returned ${
        result instanceof UpdateOperationsImpl ? `a builder from ${result.plan === plan ? 'another update' : `an update of ${result.plan.name}`}` : describeValue(result)
      }`,
    );
  }
  return result.requests;
}

/** A request for a top-level attribute, made by dynatx itself (a version bump, a staged edit). */
export function requestFor(plan: EntityPlan, kind: 'set', attribute: AttributePlan, value: unknown): UpdateRequest {
  return { kind, target: { entityName: plan.name, root: attribute, steps: [], attribute, path: [attribute.field], isSize: false }, value };
}
