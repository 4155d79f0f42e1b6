import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { AnyEntity, EntityItem, EntityKey, SettableValues } from '../schema/entity-types.js';
import type { ConditionNode } from '../nodes/condition-node.js';
import type { ExecuteOptions } from '../executor/write-executor.js';
import type { CancellationReason } from '../executor/outcome.js';
import { isEntity, planOf, type EntityPlan } from '../schema/entity-plan.js';
import { writeKey } from '../schema/item-writer.js';
import { marshalValue } from '../schema/marshal.js';
import { formatItem } from '../executor/cancellation.js';
import { checkStagedValues, itemIdentity, parseUpdate } from '../parser/action-parser.js';
import { describeValue } from '../errors/user-text.js';
import { executeWrite } from '../executor/write-executor.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { getsOf, type GetResult, type GetTransaction } from '../builder/get-builder.js';
import { executeGets } from '../executor/get-executor.js';
import { allOf } from '../parser/version-guard.js';
import type { ActionNode } from '../nodes/action-node.js';

/** One attribute of one staged item: what it was when read, and what the commit will make it. */
export interface AttributeChange {
  readonly attribute: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What `diff()` shows for one staged item: which item, whether the commit creates it, and each attribute's before and after. */
export interface StagedItemDiff {
  readonly itemId: string;
  readonly entity: string;
  readonly key: Readonly<Record<string, unknown>>;
  /** `true` when the item did not exist when it was read: the commit creates it. */
  readonly creates: boolean;
  readonly changes: readonly AttributeChange[];
}

/** The outcome of `commit()`: committed (with the items written), or not, naming the items someone changed since they were read; nothing is applied then. */
export type StagedCommitResult =
  | { readonly committed: true; readonly items: readonly string[]; readonly attempts: number }
  | {
      readonly committed: false;
      /** The staged items someone else changed since they were read (nothing was applied). */
      readonly changedSinceRead: readonly string[];
      readonly reasons: readonly CancellationReason[];
      readonly summary: string;
    };

interface StagedItem {
  readonly plan: EntityPlan;
  readonly entity: AnyEntity;
  readonly key: Readonly<Record<string, unknown>>;
  readonly itemId: string;
  readonly before: Readonly<Record<string, unknown>> | undefined;
  changes: Record<string, unknown>;
}

/**
 * Stage edits to several items, review the diff, and commit them as one transaction.
 *
 * `read` remembers each item as it was; `change` stages new attribute values; `diff` shows
 * before and after per attribute; `commit` sends one TransactWriteItems in which every update
 * is guarded by optimistic locking: the version the item had when read (for entities wrapped
 * with `versioned()`), or else the read value of every attribute it changes. If anyone
 * changed a staged item in between, DynamoDB cancels the whole commit, nothing is applied,
 * and the result names the items that changed.
 */
export class EditSession {
  readonly #client: DynamoDBClient;
  readonly #items = new Map<string, StagedItem>();

  constructor(client: DynamoDBClient) {
    this.#client = client;
  }

  /** Reads an item (strongly consistent) and remembers it as the base of later changes. */
  async read<E extends AnyEntity>(entity: E, key: EntityKey<E>): Promise<EntityItem<E> | undefined> {
    const { plan, written } = atBoundary('read()', () => {
      if (!isEntity(entity)) throw invalidValueError(`read() takes an ElectroDB Entity first, got ${describeValue(entity)}`);
      const plan = planOf(entity);
      return { plan, written: writeKey(plan, key) };
    });
    const response = await this.#client.send(
      new GetItemCommand({ TableName: plan.tableName(), Key: written.key, ConsistentRead: true }),
    );
    const item = atBoundary('read()', () =>
      response.Item === undefined ? undefined : (formatItem({ entity: plan }, response.Item as Record<string, AttributeValue>) as Record<string, unknown>),
    );
    this.#items.set(itemIdentity(plan.tableName(), written.key), { plan, entity, key: written.composites, itemId: written.itemId, before: item, changes: {} });
    return item as EntityItem<E> | undefined;
  }

  /**
   * Reads several items in one serializable snapshot (TransactGetItems), so the diff compares
   * against states that existed together, and remembers each as the base of later changes.
   * Takes a read built with `txGet()`, with its compile-time key checks:
   * `await session.readAll(txGet().get(Account, { accountId: 'a' }).get(Account, { accountId: 'b' }))`.
   */
  async readAll<Items extends readonly unknown[], Labeled>(
    reads: GetTransaction<number, Items, Labeled, string>,
  ): Promise<GetResult<Items, Labeled>> {
    const gets = getsOf(reads);
    const result = (await executeGets(gets, this.#client)) as GetResult<Items, Labeled>;
    gets.forEach((get, index) => {
      const before = result.items[index] as Record<string, unknown> | undefined;
      this.#items.set(get.identity, {
        plan: get.entity,
        entity: get.entity.entity,
        key: get.keyComposites,
        itemId: get.itemId,
        before,
        changes: {},
      });
    });
    return result;
  }

  /** Stages new values for attributes of an item read before. Later changes of one attribute win. */
  change<E extends AnyEntity>(entity: E, key: EntityKey<E>, values: SettableValues<E>): this {
    atBoundary('change()', () => this.#change(entity, key, values));
    return this;
  }

  #change(entity: unknown, key: unknown, values: unknown) {
    if (!isEntity(entity)) throw invalidValueError(`change() takes an ElectroDB Entity first, got ${describeValue(entity)}`);
    const plan = planOf(entity);
    const written = writeKey(plan, key);
    const staged = this.#items.get(itemIdentity(plan.tableName(), written.key));
    if (staged === undefined) throw invalidValueError(`${written.itemId} was not read in this session: read() it first, so its changes can be guarded`);
    // Checked now, at the call that introduced them, as the update that commits them will be.
    // The values as set() reads them (own properties, read once), checked as the commit will check them.
    const checked = checkStagedValues(plan, written.composites, values);
    for (const name of Object.keys(checked)) staged.changes[name] = checked[name];
  }

  /** Before and after, per attribute, per item; attributes whose value does not change are left out. */
  diff(): StagedItemDiff[] {
    return atBoundary('diff()', () => this.#changed().map(({ diff }) => diff));
  }

  /** The staged items with at least one real change, each with its diff. */
  #changed(): { staged: StagedItem; diff: StagedItemDiff }[] {
    const changed: { staged: StagedItem; diff: StagedItemDiff }[] = [];
    for (const staged of this.#items.values()) {
      const changes: AttributeChange[] = [];
      for (const [attribute, after] of Object.entries(staged.changes)) {
        const before = staged.before?.[attribute];
        if (!sameValue(before, after)) changes.push({ attribute, before, after });
      }
      if (changes.length > 0) {
        const diff = { itemId: staged.itemId, entity: staged.plan.name, key: staged.key, creates: staged.before === undefined, changes };
        changed.push({ staged, diff });
      }
    }
    return changed;
  }

  /** Commits every staged change as one transaction, or nothing at all. */
  async commit(options: ExecuteOptions = {}): Promise<StagedCommitResult> {
    const changed = this.#changed();
    const diffs = changed.map(({ diff }) => diff);
    if (diffs.length === 0) return { committed: true, items: [], attempts: 0 };
    const actions: ActionNode[] = changed.map(({ staged, diff }) => this.#guardedUpdate(staged, diff));
    const result = await executeWrite(actions, this.#client, options);
    if (result.committed) {
      this.#items.clear();
      return { committed: true, items: diffs.map((d) => d.itemId), attempts: result.attempts };
    }
    return {
      committed: false,
      changedSinceRead: result.failed.filter((r) => r.code === 'ConditionalCheckFailed').map((r) => r.itemId),
      reasons: result.reasons,
      summary: result.summary,
    };
  }

  #guardedUpdate(staged: StagedItem, diff: StagedItemDiff): ActionNode {
    const values = Object.fromEntries(diff.changes.map((c) => [c.attribute, c.after]));
    const setValues = (u: { set(v: unknown): unknown }) => u.set(values);
    const options = { returnOldItemOnFailure: true, label: 'staged edit' };
    const version = staged.plan.version;
    if (version === undefined) {
      const node = parseUpdate(staged.entity, staged.key, setValues, options);
      return { ...node, condition: allOf(this.#valuesUnchanged(staged, diff), node.condition) };
    }
    const read = staged.before?.[version.name];
    if (staged.before !== undefined && typeof read !== 'number') {
      // Written before the entity opted into versioning: it has no version yet. Guard on
      // that, and on the values read, and give it version 1.
      const node = parseUpdate(staged.entity, staged.key, setValues, { ...options, expectedVersion: 0 });
      return { ...node, condition: allOf(notExists(version.field), this.#valuesUnchanged(staged, diff)) };
    }
    return parseUpdate(staged.entity, staged.key, setValues, { ...options, expectedVersion: staged.before === undefined ? 'new' : read });
  }

  /** Without a version: every changed attribute still holds what was read (or the item is still absent). */
  #valuesUnchanged(staged: StagedItem, diff: StagedItemDiff): ConditionNode {
    if (staged.before === undefined) return notExists(staged.plan.primary.pk.field);
    const conditions: ConditionNode[] = diff.changes.map(({ attribute, before }) => {
      const plan = staged.plan.attributes.get(attribute)!;
      if (before === undefined) return notExists(plan.field);
      return {
        kind: 'compare',
        operator: '=',
        left: { kind: 'path', path: [plan.field] },
        right: { kind: 'value', value: marshalValue(staged.plan.name, plan, before, { bytes: 0 }) },
      };
    });
    return conditions.length === 1 ? conditions[0]! : { kind: 'and', conditions };
  }
}


function notExists(field: string): ConditionNode {
  return { kind: 'function', name: 'attribute_not_exists', args: [{ kind: 'path', path: [field] }] };
}

/**
 * Whether two attribute values are the same DynamoDB value: sets compared as sets, maps by
 * their keys. Both were checked (read from DynamoDB, or accepted by change()), so neither is
 * cyclic or nested beyond DynamoDB's limit; the depth bound only guards against bugs.
 */
function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b) || (a === 0 && b === 0)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 40) return false;
  if (a instanceof Set || b instanceof Set || Array.isArray(a) || Array.isArray(b)) {
    const setA = a instanceof Set, setB = b instanceof Set;
    const listA = setA ? [...(a as Set<unknown>)] : (a as unknown[]), listB = setB ? [...(b as Set<unknown>)] : (b as unknown[]);
    if (!Array.isArray(listA) || !Array.isArray(listB) || listA.length !== listB.length) return false;
    if (setA || setB) return listA.every((member) => listB.some((other) => sameValue(member, other, depth + 1)));
    return listA.every((member, i) => sameValue(member, listB[i], depth + 1));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1));
}

/** Starts a staged-edit session on your client. */
export function stageEdits(client: DynamoDBClient): EditSession {
  return new EditSession(client);
}
