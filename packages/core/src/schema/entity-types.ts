import type { VersionAttributeOf } from './versioning.js';
import type { Rejected } from '../builder/compile-time-rules.js';
import type {
  WrongTypeSentence,
  NoSuchNameMessage,
  NotRemovableMessage,
  NotUpdatableMessage,
  OperationKindReason,
  ValueOperationName,
  VersionAttributeReason,
} from '../errors/messages.js';
import type { JoinNames, SortNames } from './item-id.js';

/**
 * What dynatx knows about an ElectroDB entity at compile time, read from its `schema`.
 *
 * Everything here depends on the entity alone, so TypeScript computes it once per entity
 * and reuses it for every action on that entity: a 100-action chain pays for its entities,
 * not for its length.
 */

/**
 * Any ElectroDB entity, described by the one member dynatx reads: its `schema`.
 *
 * Deliberately structural rather than `Entity<any, any, any, any>`: relating an entity to
 * the generic class makes TypeScript measure the variance of ElectroDB's whole class, about
 * 45,000 type instantiations per entity (see BENCHMARKS.md). The run-time check that it
 * really is an ElectroDB entity is `isEntity`.
 */
export interface AnyEntity {
  readonly schema: {
    readonly model: { readonly entity: string; readonly service: string; readonly version: string };
    readonly attributes: { readonly [name: string]: unknown };
    readonly indexes: { readonly [accessPattern: string]: unknown };
  };
}

type Schema<E extends AnyEntity> = E['schema'];
type Definitions<E extends AnyEntity> = Schema<E>['attributes'];
/** The names of the entity's attributes. */
export type AttributeName<E extends AnyEntity> = keyof Definitions<E> & string;

/** The entity's name as a literal when the model declares it as one, else `string`. */
export type EntityName<E extends AnyEntity> = Schema<E>['model']['entity'];

type Indexes<E extends AnyEntity> = Schema<E>['indexes'];
type PrimaryIndexName<E extends AnyEntity> = {
  [I in keyof Indexes<E>]: Indexes<E>[I] extends { readonly index: string } ? never : I;
}[keyof Indexes<E>];
type PrimaryIndex<E extends AnyEntity> = Indexes<E>[PrimaryIndexName<E>];
type CompositeNames<K> = K extends { readonly composite: readonly (infer C)[] } ? C : never;

/** The attributes that make up the primary key (pk and sk composites). */
export type KeyAttributeName<E extends AnyEntity> = (
  | CompositeNames<PrimaryIndex<E> extends { readonly pk: infer K } ? K : never>
  | CompositeNames<PrimaryIndex<E> extends { readonly sk: infer K } ? K : never>
) &
  AttributeName<E>;

/** The TypeScript type of a value of one attribute definition. */
export type ValueOfDefinition<D> = D extends { readonly type: infer T }
  ? T extends 'string'
    ? string
    : T extends 'number'
      ? number
      : T extends 'boolean'
        ? boolean
        : T extends readonly (infer Member)[]
          ? Member
          : T extends 'set'
            ? SetValue<D>
            : T extends 'list'
              ? D extends { readonly items: infer Item }
                ? readonly ValueOfDefinition<Item>[]
                : never
              : T extends 'map'
                ? D extends { readonly properties: infer P }
                  ? MapValue<P>
                  : never
                : unknown
  : never;

type SetValue<D> = D extends { readonly items: infer I }
  ? I extends 'string'
    ? readonly string[] | ReadonlySet<string>
    : I extends 'number'
      ? readonly number[] | ReadonlySet<number>
      : I extends readonly (infer Member)[]
        ? readonly Member[] | ReadonlySet<Member>
        : never
  : never;

type RequiredNames<P> = { [K in keyof P]: P[K] extends { readonly required: true } ? K : never }[keyof P];
type MapValue<P> = Simplify<
  { readonly [K in RequiredNames<P>]: ValueOfDefinition<P[K]> } & {
    readonly [K in Exclude<keyof P, RequiredNames<P>>]?: ValueOfDefinition<P[K]>;
  }
>;

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** How an attribute can be used in conditions and updates. */
export type AttributeKind = 'string' | 'number' | 'boolean' | 'enum' | 'set' | 'list' | 'map' | 'any';

export type KindOfDefinition<D> = D extends { readonly type: infer T }
  ? T extends readonly unknown[]
    ? 'enum'
    : T extends 'string' | 'number' | 'boolean' | 'set' | 'list' | 'map'
      ? T
      : 'any'
  : 'any';

export type AttributeValueOf<E extends AnyEntity, A extends keyof Definitions<E>> = ValueOfDefinition<Definitions<E>[A]>;

/** `{ tenant: string }`: what identifies one item of the entity. */
export type EntityKey<E extends AnyEntity> = { readonly [A in KeyAttributeName<E>]: AttributeValueOf<E, A> };

type HasDefault<D> = D extends { readonly default: unknown } ? true : false;
/** Attributes dynatx writes itself: a versioned entity's version. */
type Managed<E extends AnyEntity> = VersionAttributeOf<E>;
/** Attributes a put must give: the key and the required ones without a default. */
export type RequiredOnPut<E extends AnyEntity> =
  | KeyAttributeName<E>
  | {
      [A in AttributeName<E>]: Definitions<E>[A] extends { readonly required: true }
        ? HasDefault<Definitions<E>[A]> extends true
          ? never
          : A
        : never;
    }[AttributeName<E>];

/**
 * What `put` infers its item against: every attribute optional, with its value type. Required
 * attributes and unknown ones are checked by the item guard instead, so that the message can
 * name them; a value of the wrong type fails here and is reported on its property.
 */
export type PutShape<E extends AnyEntity> = {
  readonly [A in Exclude<AttributeName<E>, Managed<E>>]?: AttributeValueOf<E, A> | WrongTypeHint<E, A>;
};

/**
 * What an input's value for a string, number or boolean attribute may also be:
 * `Rejected<"Order.total must be a finite number">`, which no value meets, so that a value of
 * the wrong type is reported with the attribute's name ("Type 'string' is not assignable to
 * type 'number | Rejected<...>'"). Enums, whose members already say what fits, and maps,
 * lists and sets, whose errors are reported inside them, have none. (Written into each input
 * type's mapped type, not as an alias, so that the message prints the union itself.)
 */
type WrongTypeHint<E extends AnyEntity, A extends keyof Definitions<E>> = KindOf<E, A> extends infer K extends keyof ScalarExpectation
  ? Rejected<WrongTypeSentence<EntityName<E> & string, A & string, ScalarExpectation[K]>>
  : never;

/** How a run-time message names the type a scalar attribute must have (see marshal.ts). */
interface ScalarExpectation {
  string: 'a string';
  number: 'a finite number';
  boolean: 'a boolean';
}

/** What keys are inferred against: every key attribute optional (the key guard names a missing one). */
export type KeyShape<E extends AnyEntity> = { readonly [A in KeyAttributeName<E>]?: AttributeValueOf<E, A> | WrongTypeHint<E, A> };

/** A full item as `put` takes it: required attributes required, defaults optional. */
export type EntityPutItem<E extends AnyEntity> = Simplify<
  { readonly [A in Exclude<RequiredOnPut<E>, Managed<E>>]: AttributeValueOf<E, A> } & {
    readonly [A in Exclude<AttributeName<E>, RequiredOnPut<E> | Managed<E>>]?: AttributeValueOf<E, A>;
  }
>;

type Hidden<E extends AnyEntity> = {
  [A in AttributeName<E>]: Definitions<E>[A] extends { readonly hidden: true } ? A : never;
}[AttributeName<E>];
type PresentWhenRead<E extends AnyEntity> =
  | KeyAttributeName<E>
  | {
      [A in AttributeName<E>]: Definitions<E>[A] extends { readonly required: true }
        ? A
        : HasDefault<Definitions<E>[A]> extends true
          ? A
          : never;
    }[AttributeName<E>];

/** An item as read back and formatted by its entity (hidden attributes left out). */
export type EntityItem<E extends AnyEntity> = Simplify<
  { readonly [A in Exclude<PresentWhenRead<E>, Hidden<E>>]: AttributeValueOf<E, A> } & {
    readonly [A in Exclude<AttributeName<E>, PresentWhenRead<E> | Hidden<E>>]?: AttributeValueOf<E, A>;
  }
>;

// ----- what updates may touch -----

type ReadOnly<E extends AnyEntity> = {
  [A in AttributeName<E>]: Definitions<E>[A] extends { readonly readOnly: true } ? A : never;
}[AttributeName<E>];
/** Key composites and read-only attributes never change after the item is written. */
type Updatable<E extends AnyEntity> = Exclude<AttributeName<E>, KeyAttributeName<E> | ReadOnly<E> | Managed<E>>;
type Removable<E extends AnyEntity> = {
  [A in Updatable<E>]: Definitions<E>[A] extends { readonly required: true } ? never : A;
}[Updatable<E>];

/** Why an attribute can never be updated (`never` when it can). */
type FixedReason<E extends AnyEntity, A> = A extends KeyAttributeName<E>
  ? 'it is part of the key'
  : A extends ReadOnly<E>
    ? 'it is read-only'
    : A extends Managed<E>
      ? VersionAttributeReason
      : never;

type KindOf<E extends AnyEntity, A extends keyof Definitions<E>> = KindOfDefinition<Definitions<E>[A]>;

/**
 * The values an update operation takes: every attribute of the entity, those the operation
 * cannot change typed as `Rejected` with the reason, so that `u.set({ id: 'k2' })` says
 * "Kitchen.id cannot be updated: it is part of the key" on `id`. Computed once per entity and
 * operation.
 */
export type OperationInput<E extends AnyEntity, Operation extends ValueOperationName, Fits extends AttributeKind> = {
  readonly [A in AttributeName<E>]?: [FixedReason<E, A>] extends [never]
    ? KindOf<E, A> extends Fits
      ? AttributeValueOf<E, A> | WrongTypeHint<E, A>
      : Rejected<NotUpdatableMessage<EntityName<E>, A, OperationKindReason<Operation, A, KindOf<E, A>>>>
    : Rejected<NotUpdatableMessage<EntityName<E>, A, FixedReason<E, A>>>;
};

export type SettableValues<E extends AnyEntity> = OperationInput<E, 'set', AttributeKind>;
export type AddableValues<E extends AnyEntity> = OperationInput<E, 'add', 'number' | 'set'>;
export type SubtractableValues<E extends AnyEntity> = OperationInput<E, 'subtract', 'number'>;
export type AppendableValues<E extends AnyEntity> = OperationInput<E, 'append', 'list'>;
export type SetMemberValues<E extends AnyEntity> = OperationInput<E, 'deleteFromSet', 'set'>;
/** The attributes `remove()` takes: optional ones that are not part of the key or read-only. */
export type RemovableName<E extends AnyEntity> = Removable<E>;

/** Each name `remove()` cannot take gets the reason and the names it can, where it is written. */
export type RemoveGuard<E extends AnyEntity, Names extends readonly string[]> = Names[number] extends Removable<E>
  ? unknown
  : { readonly [I in keyof Names]: Names[I] extends Removable<E> ? unknown : Rejected<NotRemovable<E, Names[I]>> };

type NotRemovable<E extends AnyEntity, A extends string> = NotRemovableMessage<
  EntityName<E>,
  A,
  A extends AttributeName<E>
    ? A extends KeyAttributeName<E>
      ? 'it is part of the key'
      : A extends ReadOnly<E>
        ? 'it is read-only'
        : A extends Managed<E>
          ? 'it is the version attribute'
          : 'it is required'
    : 'there is no such attribute',
  JoinNames<SortNames<Removable<E>>>
>;

// ----- condition operands -----

declare const attributeRefType: unique symbol;

/**
 * A reference to one attribute inside a condition, e.g. `t.status`. It carries the
 * attribute's value type and kind so that each operator accepts only what fits, and its path
 * (`Tenant.status`) so that a message can name it. It has no string-keyed members of its own,
 * so a map's references can carry its properties by name (`t.detail.ip`) whatever they are
 * called.
 */
export interface AttributeRef<Value = unknown, Kind extends RefKind = RefKind, Path extends string = string> {
  readonly [attributeRefType]?: { readonly value: Value; readonly kind: Kind; readonly path: Path };
}
/** `size` is the kind of `op.size(ref)`: a number computed from an attribute. */
export type RefKind = AttributeKind | 'size';
export type RefValue<R> = R extends AttributeRef<infer V, RefKind, string> ? V : never;
export type RefKindOf<R> = R extends AttributeRef<unknown, infer K, string> ? K : never;
export type RefPath<R> = R extends AttributeRef<unknown, RefKind, infer P> ? P : never;

/**
 * The reference to an attribute; for a map also the references to its properties
 * (`t.detail.ip`), for a list its elements by index (`t.notes.at(0)`).
 */
type RefOf<D, Path extends string> = AttributeRef<ValueOfDefinition<D>, KindOfDefinition<D>, Path> &
  (D extends { readonly type: 'map'; readonly properties: infer P }
    ? { readonly [K in keyof P]-?: RefOf<P[K], `${Path}.${K & string}`> } & NoSuchName<NoSuchNameMessage<Path, 'property'>>
    : D extends { readonly type: 'list'; readonly items: infer I }
      ? { at(index: number): RefOf<I, `${Path}[]`> }
      : unknown);

/**
 * The `t` of `(t, op) => ...`: one reference per attribute. Any other name is typed as the
 * sentence that says there is no such attribute, so `op.exists(t.nope)` is reported on
 * `t.nope` with it, rather than as a missing property of a type that prints the whole schema.
 */
export type AttributeRefs<E extends AnyEntity> = {
  readonly [A in AttributeName<E>]-?: RefOf<Definitions<E>[A], `${EntityName<E>}.${A}`>;
} & NoSuchName<NoSuchNameMessage<EntityName<E> & string, 'attribute'>>;

/** The references an update's `setPath`/`removePath` may start from: attributes it may change. */
export type UpdatableRefs<E extends AnyEntity> = {
  readonly [A in Updatable<E>]-?: RefOf<Definitions<E>[A], `${EntityName<E>}.${A}`>;
} & NoSuchName<NoSuchNameMessage<EntityName<E> & string, 'attribute'>>;

type NoSuchName<Message extends string> = { readonly [name: string]: Rejected<Message> };
