import type { VersionAttributeOf } from './versioning.js';

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
type AttributeName<E extends AnyEntity> = keyof Definitions<E> & string;

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
type RequiredOnPut<E extends AnyEntity> =
  | KeyAttributeName<E>
  | {
      [A in AttributeName<E>]: Definitions<E>[A] extends { readonly required: true }
        ? HasDefault<Definitions<E>[A]> extends true
          ? never
          : A
        : never;
    }[AttributeName<E>];

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
type UpdatableOfKind<E extends AnyEntity, K extends AttributeKind> = {
  [A in Updatable<E>]: KindOfDefinition<Definitions<E>[A]> extends K ? A : never;
}[Updatable<E>];
type Removable<E extends AnyEntity> = {
  [A in Updatable<E>]: Definitions<E>[A] extends { readonly required: true } ? never : A;
}[Updatable<E>];

/**
 * The values an update operation takes. When no attribute fits the operation (an entity with
 * no list, for `append`), the parameter becomes a message that nothing satisfies, rather than
 * an empty object type, which would accept anything.
 */
type OperationValues<E extends AnyEntity, Names extends string, Operation extends string> = [Names] extends [never]
  ? { readonly 'dynatx error': `${EntityName<E> & string} has no attribute that ${Operation} can change` }
  : { readonly [A in Names]?: AttributeValueOf<E, A> };

export type SettableValues<E extends AnyEntity> = OperationValues<E, Updatable<E>, 'set()'>;
export type AddableValues<E extends AnyEntity> = OperationValues<E, UpdatableOfKind<E, 'number' | 'set'>, 'add()'>;
export type SubtractableValues<E extends AnyEntity> = OperationValues<E, UpdatableOfKind<E, 'number'>, 'subtract()'>;
export type AppendableValues<E extends AnyEntity> = OperationValues<E, UpdatableOfKind<E, 'list'>, 'append()'>;
export type SetMemberValues<E extends AnyEntity> = OperationValues<E, UpdatableOfKind<E, 'set'>, 'deleteFromSet()'>;
export type RemovableName<E extends AnyEntity> = Removable<E>;

// ----- condition operands -----

declare const attributeRefType: unique symbol;

/**
 * A reference to one attribute inside a condition, e.g. `t.status`. It carries the
 * attribute's value type and kind so that each operator accepts only what fits. It has no
 * string-keyed members of its own, so a map's references can carry its properties by name
 * (`t.detail.ip`) whatever they are called.
 */
export interface AttributeRef<Value = unknown, Kind extends RefKind = RefKind> {
  readonly [attributeRefType]?: { readonly value: Value; readonly kind: Kind };
}
/** `size` is the kind of `op.size(ref)`: a number computed from an attribute. */
export type RefKind = AttributeKind | 'size';
export type RefValue<R> = R extends AttributeRef<infer V, RefKind> ? V : never;

/**
 * The reference to an attribute; for a map also the references to its properties
 * (`t.detail.ip`), for a list its elements by index (`t.notes.at(0)`).
 */
type RefOf<D> = AttributeRef<ValueOfDefinition<D>, KindOfDefinition<D>> &
  (D extends { readonly type: 'map'; readonly properties: infer P }
    ? { readonly [K in keyof P]-?: RefOf<P[K]> }
    : D extends { readonly type: 'list'; readonly items: infer I }
      ? { at(index: number): RefOf<I> }
      : unknown);

export type AttributeRefs<E extends AnyEntity> = {
  readonly [A in AttributeName<E>]-?: RefOf<Definitions<E>[A]>;
};

/** The references an update's `setPath`/`removePath` may start from: attributes it may change. */
export type UpdatableRefs<E extends AnyEntity> = {
  readonly [A in Updatable<E>]-?: RefOf<Definitions<E>[A]>;
};
