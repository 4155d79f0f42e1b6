import type { AnyEntity, EntityName, KeyAttributeName } from './entity-types.js';

/**
 * Compile-time item identity, `never` when the compiler cannot know it: a key value typed
 * `string` or `number`, a template like `` `t-${string}` ``, a branded string, or an entity
 * whose name is not a literal. Names and values are joined with the symbols ␟ and ␞ (U+241F,
 * U+241E) rather than the `,` and `:` of `ItemTextOf`, so that ordinary key values cannot make
 * two different keys share an identity, and an editor's hover still reads well. Key values
 * that contain those two symbols are left to the run-time check, which compares real keys.
 */
export type ItemIdOf<E extends AnyEntity, Key> = string extends EntityName<E>
  ? never
  : IdJoin<SortedKeyNames<E>, Key, `${EntityName<E>}`>;

/** `Name␟a␞1␟b␞x`, or `never` as soon as one value is not literal. Paid on every action. */
type IdJoin<Names extends readonly string[], Key, Id extends string> = Names extends readonly [
  infer Name extends string,
  ...infer Rest extends readonly string[],
]
  ? LiteralText<Key[Name & keyof Key]> extends infer Value extends string
    ? [Value] extends [never]
      ? never
      : IdJoin<Rest, Key, `${Id}␟${Name}␞${Value}`>
    : never
  : Id;

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

// ----- sorting the key attribute names, once per entity -----

/** `KeyAttributeName` as a tuple in UTF-16 code-unit order. */
export type SortedKeyNames<E extends AnyEntity> = SortNames<KeyAttributeName<E> & string>;

type SortNames<U extends string, Sorted extends readonly string[] = []> = string extends U
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
