/**
 * User-supplied text inside messages. Key values, attribute names and labels come from the
 * caller, and may be half a megabyte long or hold control characters: a message shows at most
 * `MAX_SHOWN` characters of each, with control characters escaped, so that an error stays one
 * readable line whatever the input was.
 */

/** How many characters of one piece of user text a message shows. */
export const MAX_SHOWN = 64;

// C0 and C1 controls, DEL, and the line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `abc`, or `abc…(+499,997 chars)`; control characters as `\n`, `\u0000`, ... */
export function shownText(text: string, max: number = MAX_SHOWN): string {
  if (text.length <= max && !hasControl(text)) return text; // the common case, without a regex
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = cut.replace(CONTROL, escapeControl);
  return text.length > max ? `${escaped}…(+${(text.length - max).toLocaleString('en-US')} chars)` : escaped;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

function escapeControl(character: string): string {
  switch (character) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/**
 * What a value is, in a few words, for "must be a string, got ...": never throws, whatever
 * the value (a BigInt, a symbol, a cyclic object, a Proxy, an object whose getters throw).
 */
export function describeValue(value: unknown): string {
  try {
    return describe(value);
  } catch {
    return 'a value that cannot be inspected';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `the string "${shownText(value, 40)}"`;
    case 'number':
      return `number ${String(value)}`;
    case 'boolean':
      return `boolean ${String(value)}`;
    case 'bigint':
      return `bigint ${shownText(String(value), 40)}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  return describeObject(value as object);
}

/** Objects by kind: the kinds a caller most often passes by mistake are named. */
export function describeObject(value: object): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Set) return 'a Set';
  if (value instanceof Map) return 'a Map';
  if (value instanceof Date) return 'a Date';
  if (value instanceof RegExp) return 'a RegExp';
  if (value instanceof Error) return 'an Error';
  if (value instanceof Promise) return 'a Promise';
  if (value instanceof WeakMap || value instanceof WeakSet) return 'a WeakMap or WeakSet';
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 'binary data';
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  if (prototype === null || prototype === Object.prototype) return 'an object';
  const name = prototype.constructor?.name;
  return typeof name === 'string' && name !== '' ? `an instance of ${shownText(name, 40)}` : 'an instance of a class';
}
