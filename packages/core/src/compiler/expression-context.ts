import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Placeholders for one action's expressions. Every attribute name and value goes through a
 * placeholder, so no user-supplied string can change what an expression means. They are
 * numbered in the order the compiler meets them (`#0`, `:0`, ...): the shortest names, and the
 * same params for the same transaction every time. A name used twice gets one placeholder.
 */
export class ExpressionContext {
  names: Record<string, string> | undefined;
  values: Record<string, AttributeValue> | undefined;
  #placeholderOf: Map<string, string> | undefined;
  #valueCount = 0;

  name(attributeName: string): string {
    this.#placeholderOf ??= new Map();
    let placeholder = this.#placeholderOf.get(attributeName);
    if (placeholder === undefined) {
      placeholder = `#${this.#placeholderOf.size}`;
      this.#placeholderOf.set(attributeName, placeholder);
      (this.names ??= {})[placeholder] = attributeName;
    }
    return placeholder;
  }

  path(path: readonly string[]): string {
    return path.length === 1 ? this.name(path[0]!) : path.map((part) => this.name(part)).join('.');
  }

  value(value: AttributeValue): string {
    const placeholder = `:${this.#valueCount++}`;
    (this.values ??= {})[placeholder] = value;
    return placeholder;
  }
}
