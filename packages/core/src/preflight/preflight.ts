import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ActionNode } from '../nodes/action-node.js';
import {
  TransactionValidationError,
  duplicateItemError,
  emptyTransactionError,
  tooManyActionsError,
} from '../errors/errors.js';
import {
  MAX_ACTIONS,
  expressionTooLongMessage,
  itemTooLargeMessage,
  tooManyOperatorsMessage,
  transactionTooLargeMessage,
  updateTooLargeMessage,
} from '../errors/messages.js';
import { KEY_LIMITS } from '../schema/item-writer.js';
import { MAX_NAME_BYTES, MAX_NESTED_CONTAINERS, attributeValueSize, itemSize, utf8Length } from '../schema/marshal.js';
import { MAX_SIGNIFICANT_DIGITS } from '../schema/number-value.js';
import { ExpressionContext } from '../compiler/expression-context.js';
import { splitClauses } from '../compiler/update-compiler.js';

/**
 * DynamoDB's limits, from the TransactWriteItems reference and the service quotas page, each
 * checked against DynamoDB Local (`test/integration/limits.differential.test.ts`).
 */
export const LIMITS = Object.freeze({
  actions: MAX_ACTIONS,
  /** One item: attribute names plus values. */
  itemBytes: 400 * 1024,
  /** The request's payload: see `payloadBytes`. */
  transactionBytes: 4 * 1024 * 1024,
  /** One ConditionExpression or UpdateExpression. */
  expressionBytes: 4 * 1024,
  /** Operators and functions in one condition. */
  conditionOperators: 300,
  /** Values in one `IN`. */
  inOperands: 100,
  partitionKeyBytes: KEY_LIMITS.partitionBytes,
  sortKeyBytes: KEY_LIMITS.sortBytes,
  /** Lists and maps nested in one attribute value. */
  nestedContainers: MAX_NESTED_CONTAINERS,
  /** An attribute name or map key. */
  nameBytes: MAX_NAME_BYTES,
  numberDigits: MAX_SIGNIFICANT_DIGITS,
});

/**
 * The run-time half of the rules the compiler enforces, plus the ones only run time can see:
 * the action count, the same item twice (by table and marshalled key, which also catches keys
 * that were only `string` at compile time), item and payload size, expression length and
 * operator count. Values were checked when their actions were made (types, numbers, nesting,
 * key sizes); this pass checks what only the whole request shows. It compiles each action on
 * the way, so the checks cost one pass.
 *
 * The payload, operator count and substitution sizes are counted while each action compiles
 * (`ExpressionContext`); `payloadBytes` computes the same from a finished request item.
 *
 * What no client can check: an update that grows the stored item past 400 KB (the stored item
 * is unknown here). The update's own values are checked; DynamoDB cancels the rest.
 */
export function preflight(
  actions: readonly ActionNode[],
  compile: (action: ActionNode, context: ExpressionContext) => TransactWriteItem,
): TransactWriteItem[] {
  if (actions.length === 0) throw emptyTransactionError();
  if (actions.length > LIMITS.actions) throw tooManyActionsError();
  const seen = new Set<string>();
  const items: TransactWriteItem[] = new Array(actions.length);
  // The payload, counted cheaply: exact for items and substituted values, and in UTF-16 code
  // units for keys and expressions, with `slack` for what UTF-8 may add (at most 2 bytes per
  // unit). Only a transaction that might exceed 4 MB is counted again, exactly.
  let totalBytes = 0;
  let slack = 0;
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    if (seen.has(action.identity)) throw duplicateItemError(action.itemId);
    seen.add(action.identity);
    if (action.kind === 'put' && action.itemSize > LIMITS.itemBytes) {
      throw new TransactionValidationError('ItemTooLarge', itemTooLargeMessage(action.itemId, action.itemSize, LIMITS.itemBytes));
    }
    const context = new ExpressionContext();
    const item = compile(action, context);
    if (context.operators > LIMITS.conditionOperators) {
      throw new TransactionValidationError('ExpressionTooLong', tooManyOperatorsMessage(action.itemId, context.operators, LIMITS.conditionOperators));
    }
    const body = (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck)!;
    const condition = body.ConditionExpression;
    const update = (body as { UpdateExpression?: string }).UpdateExpression;
    checkExpression(action.itemId, 'ConditionExpression', condition);
    checkExpression(action.itemId, 'UpdateExpression', update);
    const expressionUnits = (condition?.length ?? 0) + (update?.length ?? 0);
    const keyUnits = action.kind === 'put' ? 0 : keyCodeUnits(action.key);
    // What an update alone writes (a lower bound of the item it leaves behind), counted exactly
    // only when it could come near 400 KB.
    if (action.kind === 'update' && 3 * keyUnits + context.substitutionBytes > LIMITS.itemBytes) {
      const ownBytes = keyBytes(action.key) + updateValuesBytes(action);
      if (ownBytes > LIMITS.itemBytes) {
        throw new TransactionValidationError('ItemTooLarge', updateTooLargeMessage(action.itemId, ownBytes, LIMITS.itemBytes));
      }
    }
    totalBytes += (action.kind === 'put' ? action.itemSize : keyUnits) + expressionUnits + context.substitutionBytes;
    slack += 2 * (keyUnits + expressionUnits);
    items[i] = item;
  }
  if (totalBytes + slack > LIMITS.transactionBytes) {
    totalBytes = 0;
    for (let i = 0; i < items.length; i++) {
      const action = actions[i]!;
      totalBytes += payloadBytes(items[i]!, action.kind === 'put' ? action.itemSize : undefined);
    }
    if (totalBytes > LIMITS.transactionBytes) {
      throw new TransactionValidationError('TransactionTooLarge', transactionTooLargeMessage(totalBytes, LIMITS.transactionBytes));
    }
  }
  return items;
}

/** A key's field names and string values in UTF-16 code units, numbers exactly. */
function keyCodeUnits(key: Readonly<Record<string, AttributeValue>>): number {
  let units = 0;
  for (const field in key) {
    const value = key[field]!;
    units += field.length + (value.S !== undefined ? value.S.length : attributeValueSize(value));
  }
  return units;
}

/** An expression within DynamoDB's 4 KB (UTF-8). */
function checkExpression(itemId: string, which: string, expression: string | undefined) {
  if (expression === undefined || expression.length * 3 <= LIMITS.expressionBytes) return;
  const bytes = utf8Length(expression);
  if (bytes > LIMITS.expressionBytes) {
    throw new TransactionValidationError('ExpressionTooLong', expressionTooLongMessage(itemId, which, bytes, LIMITS.expressionBytes));
  }
}

/**
 * DynamoDB's payload size of a transaction, as DynamoDB Local computes it (probed to the byte):
 * per action the put's item, or the key of an update, delete or check, plus the UTF-8 length of
 * its expressions, of the attribute names its placeholders stand for, and the size of its
 * expression values. Placeholders themselves, table names and the token do not count.
 */
export function payloadBytes(item: TransactWriteItem, itemBytes?: number): number {
  // (An item's size is known from marshalling; computing it again is for callers without it.)
  const body = (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck)!;
  const base = item.Put !== undefined ? (itemBytes ?? itemSize(item.Put.Item ?? {})) : keyBytes((body as { Key?: Record<string, AttributeValue> }).Key ?? {});
  return (
    base +
    utf8Length(body.ConditionExpression ?? '') +
    utf8Length((body as { UpdateExpression?: string }).UpdateExpression ?? '') +
    namesBytes(body.ExpressionAttributeNames) +
    valuesBytes(body.ExpressionAttributeValues)
  );
}

function keyBytes(key: Readonly<Record<string, AttributeValue>>): number {
  let bytes = 0;
  for (const field in key) bytes += utf8Length(field) + attributeValueSize(key[field]!);
  return bytes;
}

function updateValuesBytes(action: Extract<ActionNode, { kind: 'update' }>): number {
  let bytes = 0;
  for (const operation of action.operations) {
    if (operation.kind !== 'set' || operation.path.length !== 1) continue;
    bytes += utf8Length(operation.path[0] as string) + attributeValueSize(operation.value);
  }
  // An expression ElectroDB wrote: what its plain assignments (`#a = :v`) set.
  const written = action.written;
  for (const part of written === undefined ? [] : (splitClauses(written.expression).SET ?? [])) {
    const assignment = /^(#\w+) = (:\w+)$/.exec(part);
    if (assignment === null) continue;
    bytes += utf8Length(written!.names[assignment[1]!] ?? '') + attributeValueSize(written!.values[assignment[2]!] ?? { NULL: true });
  }
  return bytes;
}

function namesBytes(names: Record<string, string> | undefined): number {
  let bytes = 0;
  if (names !== undefined) for (const placeholder in names) bytes += utf8Length(names[placeholder]!);
  return bytes;
}

function valuesBytes(values: Record<string, AttributeValue> | undefined): number {
  let bytes = 0;
  if (values !== undefined) for (const placeholder in values) bytes += attributeValueSize(values[placeholder]!);
  return bytes;
}
