import type { AnyEntity, EntityName, KeyAttributeName } from './entity-types.js';

/**
 * Compile-time item identity: `Counter{tenant:acme}` when the entity's name and every key
 * value are literal types, `never` when the compiler cannot know (a key typed `string`).
 * Key attributes are listed in code-unit order, the order `itemIdOf` uses at run time, so
 * the type error and the thrown error name the item with the same text.
 */
export type ItemIdOf<E extends AnyEntity, Key> =
  string extends EntityName<E> ? never : JoinKey<SortedKeyNames<E>, Key, `${EntityName<E>}{`>;

type JoinKey<Names extends readonly string[], Key, Text extends string> = Names extends readonly [
  infer Name extends string,
  ...infer Rest extends readonly string[],
]
  ? LiteralText<Key[Name & keyof Key]> extends infer Value extends string
    ? [Value] extends [never]
      ? never
      : JoinKey<Rest, Key, `${Text}${Text extends `${string}{` ? '' : ','}${Name}:${Value}`>
    : never
  : `${Text}}`;

/** The text of a literal key value; `never` for `string`, `number` or anything else wide. */
type LiteralText<V> = V extends string
  ? string extends V
    ? never
    : V
  : V extends number
    ? number extends V
      ? never
      : `${V}`
    : never;

/**
 * Whether the id names exactly one item: a union of literals (`'a' | 'b'`) might be either,
 * so it is never recorded as seen, though it is still flagged when every member was seen.
 */
export type RecordableId<Id extends string> = [Id] extends [UnionToIntersection<Id>] ? Id : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

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
