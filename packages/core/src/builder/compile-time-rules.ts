import type { AnyEntity, AttributeName, EntityName, KeyAttributeName, PutShape, RequiredOnPut } from '../schema/entity-types.js';
import type { ItemIdOf, ItemTextOf, SortedKeyNames, SortNames } from '../schema/item-id.js';
import type { VersionAttributeOf } from '../schema/versioning.js';
import type {
  DuplicateItemMessage,
  ManagedVersionMessage,
  MissingAttributeMessage,
  MissingConditionMessage,
  NeedsExpectedVersionMessage,
  NotAKeyAttributeMessage,
  UndeclaredEntityMessage,
  MissingDeclaredLabelMessage,
  UndeclaredLabelMessage,
  UnknownAttributeMessage,
  UnknownPropertyMessage,
} from '../errors/messages.js';
import type { ActionInfo } from './transaction-builder.js';

/**
 * The rules the builders (writes and gets) enforce at compile time, written so that each
 * error sits on the token that caused it and reads as one sentence from `messages.ts`:
 *
 *     tx().put(Kitchen, {
 *       id: 'k1',
 *       nope: 1,
 *    // ~~~~ Type '1' is not assignable to type '1 & Rejected<"Kitchen has no attribute 'nope'">'.
 *
 * A guard is `unknown` when the argument is fine. When it is not, it is an object type that
 * gives the offending property the type `Rejected<Message>`; the builders intersect it with
 * the argument's own type behind `NoInfer` (`key: Key & NoInfer<KeyGuard<...>>`), so the
 * argument is inferred from its plain type and the guard only checks it, and TypeScript
 * reports the mismatch on that property of the object literal rather than on the whole
 * argument. A problem of the whole key or item (the same item twice, a missing attribute, a
 * versioned write without `expectedVersion`) is reported on its first key attribute, in
 * code-unit order, so the message names the item it is about.
 *
 * Each guard costs a constant number of instantiations per action on the happy path: two
 * comparisons of key names, a union lookup for the seen items. The messages themselves are
 * only computed on the error path. Inferring through a conditional parameter type instead
 * costs about five times as much per action (see BENCHMARKS.md).
 */

/** The key of `Rejected`'s sentence; type-only. */
export declare const rejected: unique symbol;

/**
 * A requirement no value meets, carrying the sentence the compiler shows: a property typed
 * `Rejected<"Kitchen has no attribute 'nope'">` fails with that sentence in the message, and
 * a method typed `Rejected<...>` cannot be called ("has no call signatures").
 */
export interface Rejected<Message extends string> {
  readonly [rejected]: Message;
}

/** The one property a whole-argument problem is reported on (or the whole argument, if none). */
type ReportOn<Names extends PropertyKey, Message extends string> = [Names] extends [never]
  ? Rejected<Message>
  : { readonly [P in Names]: Rejected<Message> };

/** The first key attribute, in code-unit order, that the argument has (with a value). */
type FirstGiven<E extends AnyEntity, Given> = FirstOf<SortedKeyNames<E>, DefinedNames<Given>>;
type FirstOf<Names extends readonly string[], Given extends PropertyKey> = Names extends readonly [
  infer Name extends string,
  ...infer Rest extends readonly string[],
]
  ? Name extends Given
    ? Name
    : FirstOf<Rest, Given>
  : never;

type First<Names extends readonly string[]> = Names extends readonly [infer Name extends string, ...unknown[]] ? Name : never;

// ----- keys: update, delete, check, get -----

/**
 * A key must name exactly the key attributes; then `Problem` (a message or `never`) is
 * reported on it, and then the item must not be in the transaction already.
 */
export type KeyGuard<E extends AnyEntity, Key, Items extends string, Problem extends string = never> = keyof Key extends KeyAttributeName<E>
  ? [Problem] extends [never]
    ? DuplicateGuard<E, Key, Items, KeyAttributeName<E> extends DefinedNames<Key> ? unknown : MissingKeyGuard<E, Key>>
    : ReportOn<First<SortedKeyNames<E>>, Problem>
  : { readonly [P in Exclude<keyof Key, KeyAttributeName<E>>]: Rejected<NotAKeyAttributeMessage<EntityName<E>, P & string>> };

type MissingKeyGuard<E extends AnyEntity, Key> = IsFallback<Key> extends true
  ? unknown
  : ReportOn<FirstGiven<E, Key>, MissingAttributeMessage<EntityName<E>, 'key', First<SortNames<Exclude<KeyAttributeName<E>, DefinedNames<Key>>>>>>;

/**
 * Whether the argument did not meet its shape (`KeyShape`, `PutShape`: a value of the wrong
 * type), so that TypeScript inferred the shape itself, every property optional: it reports
 * that value itself, and nothing here should add to it. (`{}` is not such a fallback.)
 */
type IsFallback<T> = {} extends T ? (keyof T extends never ? false : true) : false;

/** The properties whose value cannot be `undefined`: a value `undefined` is a missing one. */
type DefinedNames<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

// ----- items: put -----

/**
 * A put item may only hold the entity's attributes (at any depth of maps), must hold the
 * required ones, and must not be in the transaction already.
 */
export type ItemGuard<E extends AnyEntity, Item, Items extends string, Problem extends string = never> = keyof Item extends keyof PutShape<E>
  ? Exclude<RequiredOnPut<E>, VersionAttributeOf<E>> extends (undefined extends Item[keyof Item] ? DefinedNames<Item> : keyof Item)
    ? keyof Item & NestedAttributeName<E> extends never
      ? ItemProblemOrDuplicate<E, Item, Items, Problem>
      : ExcessProperties<E, Item> extends never
        ? ItemProblemOrDuplicate<E, Item, Items, Problem>
        : NestedGuard<E, Item>
    : IsFallback<Item> extends true
      ? unknown
      : ReportOn<
          FirstGiven<E, Item>,
          MissingAttributeMessage<EntityName<E>, 'item', First<SortNames<Exclude<RequiredOnPut<E>, DefinedNames<Item> | VersionAttributeOf<E>>>>>
        >
  : {
      readonly [P in Exclude<keyof Item, keyof PutShape<E>>]: Rejected<
        P extends VersionAttributeOf<E>
          ? ManagedVersionMessage<EntityName<E>, P & string>
          : UnknownAttributeMessage<EntityName<E>, P & string>
      >;
    };

type ItemProblemOrDuplicate<E extends AnyEntity, Item, Items extends string, Problem extends string> = [Problem] extends [never]
  ? DuplicateGuard<E, Item, Items, unknown>
  : ReportOn<First<SortedKeyNames<E>>, Problem>;

// ----- the same item twice -----

// The conditions below test aliases and `keyof` rather than `[X] extends [Y]`: wrapping both
// sides in tuples costs about a dozen instantiations per test and action, and only a naked
// type parameter would distribute.
// `Otherwise` is what applies when the item has no literal id: a key with an attribute
// missing has none, so that check is only made then (it costs a dozen instantiations).
type DuplicateGuard<E extends AnyEntity, Key, Items extends string, Otherwise> = ItemIdOf<E, Key> extends never
  ? Otherwise
  : string extends Items // a dynamic transaction: what it has seen is not known
    ? unknown
    : ItemIdOf<E, Key> extends Items
      ? ReportOn<First<SortedKeyNames<E>>, DuplicateItemMessage<ItemTextOf<E, Key>>>
      : unknown;

// ----- problems of the action as a whole, reported on the key -----

/** A put, update or delete of a versioned entity must say which version it read. */
export type VersionProblem<E extends AnyEntity, V, Action extends string> = VersionAttributeOf<E> extends never
  ? never
  : [V] extends [never]
    ? NeedsExpectedVersionMessage<EntityName<E>, Action, VersionAttributeOf<E>>
    : never;

/** A check needs its condition. */
export type ConditionProblem<E extends AnyEntity> = MissingConditionMessage<EntityName<E>, First<SortedKeyNames<E>> & string>;

/**
 * A dynamic transaction made with entities (`dynamicTx(Counter, { audit: Event })`) takes only
 * those, with their declared labels: its type stays the same across steps, which is what lets
 * a loop assign it back.
 */
export type DeclaredProblem<Count extends string, Actions extends ActionInfo, E extends AnyEntity, Label extends string> = string extends Count
  ? [ActionInfo<E, Label>] extends [Actions]
    ? never
    : [E] extends [Actions['entity']]
      ? NoSingleLabel<Label> extends true
        ? MissingDeclaredLabelMessage<EntityName<E> & string>
        : UndeclaredLabelMessage<Label, EntityName<E> & string>
      : UndeclaredEntityMessage<EntityName<E> & string, E['schema']['model']['service'] & string>
  : never;

/**
 * An action that gave no label: TypeScript then infers `never`, `string`, or (from the variable
 * a loop assigns to) every declared label at once. Only a single literal is a label given.
 */
type NoSingleLabel<Label extends string> = [Label] extends [never] ? true : string extends Label ? true : IsUnion<Label>;
type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

// ----- map properties the schema does not declare -----

/** Attributes that hold objects: maps, and lists (of maps). Items without them skip the walk. */
type NestedAttributeName<E extends AnyEntity> = {
  [A in AttributeName<E>]: E['schema']['attributes'][A] extends { readonly type: 'map' | 'list' } ? A : never;
}[AttributeName<E>];

/**
 * Map properties the schema does not declare, at any depth of maps and lists of maps: the
 * excess-property check TypeScript skips for an inferred (`const`) argument. `never` when
 * there are none.
 */
type ExcessProperties<E extends AnyEntity, Item> = {
  [A in keyof Item & NestedAttributeName<E>]: ExcessIn<Item[A], E['schema']['attributes'][A], `${EntityName<E>}.${A}`>;
}[keyof Item & NestedAttributeName<E>];

type ExcessIn<Value, Definition, Path extends string> = Definition extends { readonly type: 'map'; readonly properties: infer P }
  ? Value extends object
    ?
        | UnknownPropertyMessage<Path, Exclude<keyof Value, keyof P> & string>
        | { [K in keyof Value & keyof P & string]: ExcessIn<Value[K], P[K], `${Path}.${K}`> }[keyof Value & keyof P & string]
    : never
  : Definition extends { readonly type: 'list'; readonly items: infer I }
    ? Value extends readonly (infer Element)[]
      ? ExcessIn<Element, I, `${Path}[]`>
      : never
    : never;

/** The same walk, as a guard: each undeclared property gets its own message, where it is. */
type NestedGuard<E extends AnyEntity, Item> = {
  readonly [A in keyof Item & NestedAttributeName<E>]: GuardIn<Item[A], E['schema']['attributes'][A], `${EntityName<E>}.${A}`>;
};

type GuardIn<Value, Definition, Path extends string> = Definition extends { readonly type: 'map'; readonly properties: infer P }
  ? Value extends object
    ? {
        readonly [K in keyof Value]: K extends keyof P
          ? GuardIn<Value[K], P[K], `${Path}.${K & string}`>
          : Rejected<UnknownPropertyMessage<Path, K & string>>;
      }
    : unknown
  : Definition extends { readonly type: 'list'; readonly items: infer I }
    ? Value extends readonly unknown[]
      ? { readonly [N in keyof Value]: GuardIn<Value[N], I, `${Path}[]`> }
      : unknown
    : unknown;
