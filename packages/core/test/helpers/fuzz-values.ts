/**
 * What the two hostile-calls fuzz suites share: the error planted in the caller's own code, a
 * cyclic value, and the generator of mostly-valid values for `any` attributes (each suite picks
 * its own text and number generators).
 */
import fc from 'fast-check';

/** What the caller's own code throws: a UserCodeFailed error must carry exactly this. */
export class Planted extends Error {
  override name = 'Planted';
}

/** `{ a: 1, self: <itself> }`. */
export function cyclicValue(): Record<string, unknown> {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  return cyclic;
}

/** Values an `any` attribute can hold: scalars, bytes, sets, lists and maps, nested a little. */
export function anyValueOf(text: fc.Arbitrary<string>, finite: fc.Arbitrary<number>): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text, finite, fc.boolean(), fc.constant(null), fc.bigInt({ min: -(10n ** 37n), max: 10n ** 37n }),
      fc.uint8Array({ maxLength: 4 }).map((b) => new Uint8Array(b)),
      fc.uniqueArray(text, { minLength: 1, maxLength: 3 }).map((m) => new Set(m)),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(text.filter((k) => k !== ''), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
}
