import type { AttributeValue, DynamoDBClient, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';

export interface ItemContention {
  /** The table and the item's key values, e.g. `likes/$social#counter_1#name_likes:p1/$counter_1`. */
  readonly item: string;
  /** How many TransactWriteItems calls wrote it. */
  readonly transactions: number;
  /** The most of those that were in flight at one moment. */
  readonly peakInFlight: number;
}

export interface ContentionProbe {
  /** The items each TransactWriteItems call wrote, as sent on the wire, in send order. */
  readonly transactions: readonly (readonly string[])[];
  /** Per item, busiest first. */
  report(): ItemContention[];
  remove(): void;
}

let probes = 0;

/**
 * Watches the TransactWriteItems calls a client sends and, per item, how many were in
 * flight at once. DynamoDB Local serializes transactions and never reports a conflict,
 * but the requests still overlap in time: the peak is how many transactions would be
 * contending for that item on a real table, where each overlap risks a TransactionConflict.
 */
export function watchContention(client: DynamoDBClient, keyFields: readonly string[] = ['pk', 'sk']): ContentionProbe {
  const name = `contentionProbe${++probes}`;
  const transactions: string[][] = [];
  const inFlight = new Map<string, number>();
  const stats = new Map<string, { transactions: number; peakInFlight: number }>();

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const items = itemsOf(args.input as TransactWriteItemsCommandInput, keyFields);
      transactions.push(items);
      for (const item of items) {
        const now = (inFlight.get(item) ?? 0) + 1;
        inFlight.set(item, now);
        const entry = stats.get(item) ?? { transactions: 0, peakInFlight: 0 };
        entry.transactions++;
        entry.peakInFlight = Math.max(entry.peakInFlight, now);
        stats.set(item, entry);
      }
      try {
        return await next(args);
      } finally {
        for (const item of items) inFlight.set(item, inFlight.get(item)! - 1);
      }
    },
    { step: 'initialize', name },
  );

  return {
    transactions,
    report: () => [...stats].map(([item, s]) => ({ item, ...s })).sort((a, b) => b.transactions - a.transactions),
    remove: () => client.middlewareStack.remove(name),
  };
}

/** Each action's item as `table/keyvalue/keyvalue`, read from the key fields (`pk`, `sk` in these entities). */
function itemsOf(input: TransactWriteItemsCommandInput, keyFields: readonly string[]): string[] {
  return (input.TransactItems ?? []).map(({ Put, Update, Delete, ConditionCheck }) => {
    const table = Put?.TableName ?? Update?.TableName ?? Delete?.TableName ?? ConditionCheck?.TableName;
    const fields: Record<string, AttributeValue | undefined> = Put?.Item ?? Update?.Key ?? Delete?.Key ?? ConditionCheck?.Key ?? {};
    return [table, ...keyFields.map((field) => fields[field]?.S ?? fields[field]?.N)].filter((part) => part !== undefined).join('/');
  });
}
