import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { attributeValueSize, utf8Length } from '../schema/marshal.js';

/**
 * Placeholders for one action's expressions. Every attribute name and value goes through a
 * placeholder, so no user-supplied string can change what an expression means. They are
 * numbered in the order the compiler meets them (`#0`, `:0`, ...): the shortest names, and the
 * same params for the same transaction every time. A name used twice gets one placeholder.
 */
export class ExpressionContext {
  names: Record<string, string> | undefined;
  values: Record<string, AttributeValue> | undefined;
  /**
   * What the substitutions add to the request's payload (the attribute names the placeholders
   * stand for, and the values), counted as they are made rather than in a second pass.
   */
  substitutionBytes = 0;
  /** Operators and functions in the condition compiled so far (DynamoDB allows 300). */
  operators = 0;
  /** Attribute names in placeholder order. An action names a handful, so a scan beats a Map. */
  #named: string[] = [];
  #valueCount = 0;

  name(attributeName: string): string {
    const index = this.#named.indexOf(attributeName);
    if (index !== -1) return PLACEHOLDERS[index] ?? `#${index}`;
    const placeholder = PLACEHOLDERS[this.#named.length] ?? `#${this.#named.length}`;
    this.#named.push(attributeName);
    this.substitutionBytes += utf8Length(attributeName);
    (this.names ??= {})[placeholder] = attributeName;
    return placeholder;
  }

  /** `#0.#1` for a map property, `#0[2]` for a list element: names through placeholders, indexes as written. */
  path(path: readonly (string | number)[]): string {
    if (path.length === 1) return this.name(path[0] as string);
    let text = '';
    for (const step of path) text += typeof step === 'number' ? `[${step}]` : `${text === '' ? '' : '.'}${this.name(step)}`;
    return text;
  }

  value(value: AttributeValue): string {
    const index = this.#valueCount++;
    const placeholder = VALUE_PLACEHOLDERS[index] ?? `:${index}`;
    (this.values ??= {})[placeholder] = value;
    this.substitutionBytes += attributeValueSize(value);
    return placeholder;
  }
}

// The first placeholders, made once instead of per expression.
const PLACEHOLDERS = Array.from({ length: 32 }, (_, i) => `#${i}`);
const VALUE_PLACEHOLDERS = Array.from({ length: 32 }, (_, i) => `:${i}`);
