import { createHash } from 'node:crypto';
import type { ActionNode, PutNode, UpdateNode } from '../nodes/action-node.js';
import type { ChangeFeed } from './change-feed.js';
import type { AnyEntity } from '../schema/entity-types.js';
import { parsePut } from '../parser/action-parser.js';
import { compileUpdate } from '../compiler/update-compiler.js';
import { ExpressionContext } from '../compiler/expression-context.js';
import { unmarshalItem, unmarshalValue } from '../schema/unmarshal.js';
import { utf8Length } from '../schema/marshal.js';
import { invalidValueError } from '../errors/errors.js';

/**
 * A transaction recorded in a change feed: the caller's actions, each put and update marked
 * with the transaction id (when the feed has a marker), and the manifest put last, so that the
 * caller's actions keep their indexes in cancellation reasons.
 */
export interface FeedWrite {
  readonly feed: ChangeFeed;
  readonly transactionId: string;
  /** When the transaction was sent, by the client's clock (ms since the epoch). */
  readonly committedAt: number;
}

/** What a manifest says about one action. */
export interface ManifestAction {
  readonly index: number;
  readonly kind: ActionNode['kind'];
  readonly verb: ActionNode['verb'];
  readonly entity: string;
  /** The entity's ElectroDB service: with `entity`, names the entity unambiguously. */
  readonly service: string;
  readonly table: string;
  readonly label?: string;
  /** The key composites, as the caller gave them. */
  readonly key: Record<string, unknown>;
  /** The item's DynamoDB key (field names and values), for matching stream records. */
  readonly keyFields: Record<string, unknown>;
  readonly item?: Record<string, unknown>;
  readonly update?: { readonly expression: string; readonly names: Record<string, string>; readonly values: Record<string, unknown> };
}

/** The actions to send: the caller's (marked) and the manifest last. */
export function withManifest(actions: readonly ActionNode[], write: FeedWrite): ActionNode[] {
  const { feed, transactionId } = write;
  if (actions.length === 0) throw invalidValueError('A transaction with a change feed needs at least one action of its own besides the manifest');
  const marked = feed.marker === undefined ? [...actions] : actions.map((action) => mark(action, feed.marker!, transactionId));
  const described = marked.map((action, index) => describe(action, index, feed));
  const manifest = parsePut(
    feed.manifestEntity,
    {
      feed: feed.name,
      transactionId,
      committedAt: write.committedAt,
      expiresAt: Math.floor(write.committedAt / 1000) + feed.ttlSeconds,
      count: actions.length,
      fingerprint: fingerprintOf(actions),
      ...(feed.marker === undefined ? {} : { marker: feed.marker }),
      actions: described,
    },
    { label: 'change feed manifest', returnOldItemOnFailure: true },
    'create',
  );
  return [...marked, manifest];
}

/**
 * What makes two transactions the same one, for durable idempotency: which items they act on,
 * and how. Values are left out on purpose: a re-send after a restart may carry a fresh
 * timestamp, and is still the same transaction when its id says so.
 */
export function fingerprintOf(actions: readonly ActionNode[]): string {
  const hash = createHash('sha256');
  for (const action of actions) hash.update(`${action.verb}\u0000${action.identity}\u0001`);
  return hash.digest('hex').slice(0, 32);
}

function mark(action: ActionNode, marker: string, transactionId: string): ActionNode {
  const value = { S: transactionId };
  if (action.kind === 'put') {
    if (action.item[marker] !== undefined) throw collision(action, marker);
    const put: PutNode = { ...action, item: { ...action.item, [marker]: value }, itemSize: action.itemSize + utf8Length(marker) + utf8Length(transactionId) };
    return put;
  }
  if (action.kind === 'update') {
    if (action.operations.some((o) => o.path[0] === marker) || action.written?.expression.match(/#[A-Za-z0-9_]+/g)?.some((t) => action.written!.names[t] === marker)) {
      throw collision(action, marker);
    }
    const update: UpdateNode = { ...action, operations: [...action.operations, { kind: 'set', path: [marker], value }] };
    return update;
  }
  return action;
}

function collision(action: ActionNode, marker: string) {
  return invalidValueError(`${action.itemId}: it writes the attribute '${marker}', which the change feed uses as its marker; choose another marker`);
}

function describe(action: ActionNode, index: number, feed: ChangeFeed): ManifestAction {
  const described: Record<string, unknown> = {
    index,
    kind: action.kind,
    verb: action.verb,
    entity: action.entity.name,
    service: (action.entity.entity as AnyEntity).schema.model.service,
    table: action.table,
    key: { ...action.keyComposites },
    keyFields: unmarshalItem(action.key),
  };
  if (action.label !== undefined) described.label = action.label;
  if (action.kind === 'put' && feed.include.putItems) {
    const item = { ...action.item };
    if (feed.marker !== undefined) delete item[feed.marker];
    described.item = unmarshalItem(item);
  }
  if (action.kind === 'update' && feed.include.updates) {
    const context = new ExpressionContext();
    const expression = compileUpdate(action.operations, context, action.written);
    described.update = {
      expression,
      names: { ...(context.names ?? {}) },
      values: Object.fromEntries(Object.entries(context.values ?? {}).map(([placeholder, value]) => [placeholder, unmarshalValue(value)])),
    };
  }
  return described as unknown as ManifestAction;
}
