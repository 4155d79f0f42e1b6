import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshalItem } from '../schema/unmarshal.js';
import { shownText } from '../errors/user-text.js';
import type { ActionNode } from '../nodes/action-node.js';
import type { RawReason } from './error-classifier.js';
import type { CancellationCode, CancellationReason } from './outcome.js';

const KNOWN_CODES = new Set<string>([
  'None',
  'ConditionalCheckFailed',
  'ItemCollectionSizeLimitExceeded',
  'TransactionConflict',
  'ProvisionedThroughputExceeded',
  'ThrottlingError',
  'ValidationError',
]);

/**
 * DynamoDB's CancellationReasons, one per action in request order, joined back to the
 * actions that caused them: label, entity, key, and the old item formatted by its entity.
 */
export function explainCancellation(actions: readonly ActionNode[], reasons: readonly RawReason[]): CancellationReason[] {
  return actions.map((action, index) => {
    const raw = reasons[index] ?? {};
    const code = (raw.Code !== undefined && KNOWN_CODES.has(raw.Code) ? raw.Code : 'ValidationError') as CancellationCode;
    let message = raw.Message || undefined;
    let oldItem: unknown;
    if (raw.Item !== undefined) {
      // The transaction is over: a getter of the entity's that throws must not hide its outcome.
      try {
        oldItem = formatItem(action, raw.Item as Record<string, AttributeValue>);
      } catch (error) {
        const why = error instanceof Error ? shownText(error.message, 200) : 'unknown error';
        message = `${message ? `${message}; ` : ''}the old item could not be formatted by ${action.entity.name} (${why})`;
      }
    }
    return Object.freeze({
      index,
      label: action.label,
      entity: action.entity.name,
      key: action.keyComposites,
      itemId: action.itemId,
      code,
      message,
      oldItem,
    }) as unknown as CancellationReason;
  });
}

/** The item as the entity itself reads it (field names mapped back, hidden attributes left out). */
export function formatItem(action: Pick<ActionNode, 'entity'>, item: Record<string, AttributeValue>): unknown {
  const entity = action.entity.entity as unknown as { parse(response: { Item: unknown }, options: { originalErr: boolean }): { data: unknown } };
  // originalErr: a get hook's own error, not ElectroDB's "Error thrown by DynamoDB client" around it.
  return entity.parse({ Item: unmarshalItem(item) }, { originalErr: true }).data ?? undefined;
}

/** `Tenant{tenant:globex} (check "active"): ConditionalCheckFailed`, one line per failed action. */
export function summarize(reasons: readonly CancellationReason[], actions: readonly ActionNode[]): string {
  return reasons
    .filter((reason) => reason.code !== 'None')
    .map((reason) => {
      const action = actions[reason.index]!;
      const label = reason.label === undefined ? '' : ` "${String(reason.label)}"`;
      return `#${reason.index} ${reason.itemId} (${action.verb}${label}): ${reason.code}${reason.message ? ` - ${reason.message}` : ''}`;
    })
    .join('\n');
}
