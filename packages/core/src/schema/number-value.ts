/**
 * DynamoDB numbers: which texts it accepts, what it treats as equal, and how many bytes one
 * takes. Checked against DynamoDB Local 3.3.1 (`test/integration/limits.differential.test.ts`):
 *
 * - the text is an optional sign, digits with an optional point, an optional exponent
 *   (`+1`, `.5`, `5.`, `007`, `1E+5` are accepted; spaces and hex are not);
 * - at most 38 significant digits (leading and trailing zeros do not count);
 * - a magnitude from 1E-130 up to, not including, 1E+126 (or zero);
 * - it is stored as base-100 digit pairs aligned on the decimal point, so its size is one
 *   byte plus one per pair from the first to the last non-zero pair, plus one more for a
 *   negative number unless that reaches 21 bytes (`1500` is 2 bytes, `150` is 3).
 */

export const MAX_SIGNIFICANT_DIGITS = 38;

/** A number in DynamoDB's own terms: `digits` × 10^`exponent`, `digits` without zeros at either end. */
export interface NormalizedNumber {
  readonly negative: boolean;
  /** '' for zero. */
  readonly digits: string;
  /** The power of ten of the last digit. */
  readonly exponent: number;
}

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Why DynamoDB would refuse a number, or `undefined` when it accepts it. */
export type NumberProblem = 'not a number' | 'too many digits' | 'too large' | 'too small';

export function normalizeNumberText(text: string): NormalizedNumber | 'not a number' {
  const match = NUMBER_TEXT.exec(text);
  if (match === null) return 'not a number';
  const [, sign, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return 'not a number';
  const all = whole + fraction;
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  if (first === all.length) return { negative: false, digits: '', exponent: 0 };
  let last = all.length - 1;
  while (all.charCodeAt(last) === 48) last--;
  // An absurdly long exponent becomes ±Infinity here, which the range check then refuses.
  const exponent = (exponentText === undefined ? 0 : Number(exponentText)) - fraction.length + (all.length - 1 - last);
  return { negative: sign === '-', digits: all.slice(first, last + 1), exponent };
}

/** What DynamoDB would say about a normalized number. */
export function numberProblem(number: NormalizedNumber): NumberProblem | undefined {
  if (number.digits === '') return undefined;
  if (number.digits.length > MAX_SIGNIFICANT_DIGITS) return 'too many digits';
  // The magnitude's power of ten: the position of the first digit.
  const magnitude = number.exponent + number.digits.length - 1;
  if (magnitude >= 126) return 'too large';
  if (magnitude < -130) return 'too small';
  return undefined;
}

/** DynamoDB's size of a number in bytes (see the module comment). */
export function normalizedNumberSize(number: NormalizedNumber): number {
  if (number.digits === '') return 1;
  const high = number.exponent + number.digits.length - 1;
  const pairs = Math.floor(high / 2) - Math.floor(number.exponent / 2) + 1;
  return number.negative ? Math.min(21, pairs + 2) : pairs + 1;
}

/** The size of a number given as DynamoDB text (an `N`, or a member of an `NS`). */
export function numberTextSize(text: string): number {
  const integer = plainIntegerSize(text);
  if (integer !== -1) return integer;
  const normalized = normalizeNumberText(text);
  return normalized === 'not a number' ? text.length : normalizedNumberSize(normalized);
}

/**
 * The size of a plain integer (`-?[0-9]+`, the usual number) without the general parse, or -1
 * for anything else.
 */
function plainIntegerSize(text: string): number {
  let start = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  if (start === text.length) return -1;
  let end = text.length;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
  }
  while (start < end && text.charCodeAt(start) === 48) start++;
  if (start === end) return 1; // zero
  while (text.charCodeAt(end - 1) === 48) end--;
  // Powers of ten of the first and last non-zero digits, counted from the end of the text.
  const high = text.length - 1 - start;
  const low = text.length - end;
  const pairs = Math.floor(high / 2) - Math.floor(low / 2) + 1;
  return text.charCodeAt(0) === 45 ? Math.min(21, pairs + 2) : pairs + 1;
}

/**
 * A finite JavaScript number as DynamoDB text. `String(n)` is exact for the double (at most 17
 * significant digits, so precision is never the problem); only the range can be.
 */
export function jsNumberProblem(value: number): NumberProblem | undefined {
  if (!Number.isFinite(value)) return 'not a number';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e126) return 'too large';
  if (magnitude !== 0 && magnitude < 1e-130) return 'too small';
  return undefined;
}

/** `1`, `1.0` and `1e0` are one value (and one set member, and one key). */
export function canonicalNumber(number: NormalizedNumber): string {
  return number.digits === '' ? '0' : `${number.negative ? '-' : ''}${number.digits}e${number.exponent}`;
}

export function describeNumberProblem(problem: NumberProblem): string {
  switch (problem) {
    case 'not a number':
      return 'a number DynamoDB can read (digits, an optional point and exponent)';
    case 'too many digits':
      return `a number of at most ${MAX_SIGNIFICANT_DIGITS} significant digits`;
    case 'too large':
      return 'a number of magnitude below 1E+126';
    case 'too small':
      return 'zero or a number of magnitude at least 1E-130';
  }
}
