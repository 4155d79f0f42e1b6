import type { AnyEntity, EntityName, KeyAttributeName } from './entity-types.js';

/**
 * Compile-time item identity: `audit/Counter@1{tenant:acme}`, service, entity name and model
 * version (what ElectroDB puts in a key besides the composites: `$audit#tenant_acme`,
 * `$counter_1`) and the key values in code-unit order of their names.
 *
 * It is `never`, and the compiler then leaves the item to the run-time pre-flight, whenever
 * it could tell two different items apart less well than the marshalled key does: a key value
 * typed `string` or `number`, a template like `` `t-${string}` ``, a branded string, a value
 * with a `,` in it; a model whose service, entity or version is not a literal or holds one of
 * `/@{`. So it is never stricter than the run-time check, which compares table and marshalled
 * key. It can be more lenient: a custom key template that leaves out the service, a casing
 * that folds two values into one, or one table holding two versions of an entity whose key
 * template ignores the version, are caught at run time only. The table itself is only known at
 * run time: two entities with the same service, name and version are taken to share one.
 */
export type ItemIdOf<E extends AnyEntity, Key> = IdJoin<SortedKeyNames<E>, Key, IdPrefix<E>, ''>;

type Model<E extends AnyEntity> = E['schema']['model'];
type ModelNames<E extends AnyEntity> = Model<E>['service'] | Model<E>['entity'] | Model<E>['version'];

/** `audit/Counter@1{`, once per entity; `never` when a part is not a plain literal. */
export type IdPrefix<E extends AnyEntity> = string extends ModelNames<E>
  ? never
  : [Extract<ModelNames<E>, `${string}${'/' | '@' | '{'}${string}`>] extends [never]
    ? `${Model<E>['service']}/${Model<E>['entity']}@${Model<E>['version']}{`
    : never;

/** `Name:value` for each key attribute, or `never` as soon as one value is not literal. Paid on every action. */
type IdJoin<Names extends readonly string[], Key, Id extends string, Separator extends string> = Names extends readonly [
  infer Name extends string,
  ...infer Rest extends readonly string[],
]
  ? LiteralText<Key[Name & keyof Key]> extends infer Value extends string
    ? Value extends `${string},${string}`
      ? never
      : IdJoin<Rest, Key, `${Id}${Separator}${Name}:${Value}`, ','>
    : never
  : `${Id}}`;

/**
 * How messages name an item: `Counter{tenant:acme}`, key attributes in code-unit order, as
 * `itemIdOf` writes it at run time. Only computed on the error path.
 */
export type ItemTextOf<E extends AnyEntity, Key> = TextJoin<SortedKeyNames<E>, Key, `${EntityName<E>}{`>;

type TextJoin<Names extends readonly string[], Key, Text extends string> = Names extends readonly [
  infer Name extends string,
  ...infer Rest extends readonly string[],
]
  ? TextJoin<Rest, Key, `${Text}${Text extends `${string}{` ? '' : ','}${Name}:${LiteralText<Key[Name & keyof Key]>}`>
  : `${Text}}`;

/**
 * The text of a key value that is a literal (or a union of literals); `never` for anything
 * wider. A mapped type over a literal has a property; over `string`, a template pattern or a
 * branded string it has only an index signature, which `{}` satisfies.
 */
type LiteralText<V> = V extends string | number ? ({} extends Record<V, 1> ? never : `${V}`) : never;

/**
 * Whether the id names exactly one item: a union of literals (`'a' | 'b'`) might be either,
 * so it is never recorded as seen, though it is still flagged when every member was seen.
 */
export type RecordableId<Id extends string, All extends string = Id> = Id extends unknown
  ? [All] extends [Id]
    ? Id
    : never
  : never;

// ----- sorting names, once per entity -----

/** `KeyAttributeName` as a tuple in UTF-16 code-unit order. */
export type SortedKeyNames<E extends AnyEntity> = SortNames<KeyAttributeName<E> & string>;

/** A union of names as a tuple in code-unit order (`[]` for `string`). */
export type SortNames<U extends string, Sorted extends readonly string[] = []> = string extends U
  ? []
  : [U] extends [never]
    ? Sorted
    : Smallest<U> extends infer S extends string
      ? SortNames<Exclude<U, S>, [...Sorted, S]>
      : Sorted;

type Smallest<U extends string> = { [X in U]: false extends IsBelowAll<X, Exclude<U, X>> ? never : X }[U];
type IsBelowAll<X extends string, Others extends string> = Others extends unknown ? Less<X, Others> : never;

/** The characters of identifiers, in code-unit order. */
type Alphabet = '$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
type Less<A extends string, B extends string> = A extends `${infer a}${infer restA}`
  ? B extends `${infer b}${infer restB}`
    ? a extends b
      ? Less<restA, restB>
      : Alphabet extends `${infer Before}${b}${string}`
        ? Before extends `${string}${a}${string}`
          ? true
          : false
        : false
    : false
  : B extends ''
    ? false
    : true;

/** `a, b, c` from a tuple of names; the first `Limit` of them, then `…`. */
export type JoinNames<Names extends readonly string[], Limit extends number = 6, Text extends string = '', Count extends readonly 0[] = []> =
  Names extends readonly [infer Name extends string, ...infer Rest extends readonly string[]]
    ? Count['length'] extends Limit
      ? `${Text}, …`
      : JoinNames<Rest, Limit, Text extends '' ? Name : `${Text}, ${Name}`, [...Count, 0]>
    : Text extends ''
      ? 'none'
      : Text;
