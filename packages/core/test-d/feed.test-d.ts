/**
 * The change feed's types: producer options, the manifest's room (99 actions of yours and the
 * manifest compile, a 100th does not), and typed events: narrowing an event's action on its
 * entity gives that entity's key, item and images.
 */
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import {
  changeFeed,
  createFeedPoller,
  feedStreamHandler,
  tx,
  type ChangeFeed,
  type AttributeRefs,
  type ConditionOperators,
  type UpdateOperations,
  type EntityItem,
  type EntityKey,
  type FeedAction,
  type FeedEntities,
  type FeedOutput,
  type FeedStreamBatchResponse,
  type StreamsClientLike,
} from '../dist/index.js';
import { Counter, Event, Tenant } from './entities.js';

// ----- producer options -----

const feed = changeFeed({ name: 'audit', table: 'audit', entities: [Event, Counter, Tenant] });
expectType<readonly [typeof Event, typeof Counter, typeof Tenant]>(null! as FeedEntities<typeof feed>);
expectAssignable<ChangeFeed>(feed);
changeFeed({ name: 'a', table: 'audit', entities: [Event], sortKey: null, marker: false, ttlSeconds: 3600, include: { putItems: true, updates: true } });
changeFeed({ name: 'a', table: 'audit', entities: [Event], partitionKey: 'PK', sortKey: 'SK', ttlAttribute: 'expires', marker: 'txid' });
expectError(changeFeed({ table: 'audit', entities: [Event] }));
expectError(changeFeed({ name: 'a', entities: [Event] }));
expectError(changeFeed({ name: 'a', table: 'audit', entities: [Event], include: { putItems: 'yes' } }));
expectError(changeFeed({ name: 'a', table: 'audit', entities: [Event], marker: true }));
expectError(changeFeed({ name: 'a', table: 'audit', entities: [Event], ttlSeconds: '7d' }));
expectError(changeFeed({ name: 'a', table: 'audit', entities: [{ not: 'an entity' }] }));

// ----- the manifest takes one of the 100 actions -----

expectType<1>(tx({ feed }).size);
const ninetyNine = tx({ feed })
  .update(Counter, { tenant: 't00' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't01' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't02' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't03' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't04' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't05' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't06' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't07' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't08' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't09' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't10' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't11' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't12' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't13' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't14' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't15' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't16' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't17' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't18' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't19' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't20' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't21' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't22' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't23' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't24' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't25' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't26' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't27' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't28' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't29' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't30' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't31' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't32' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't33' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't34' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't35' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't36' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't37' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't38' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't39' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't40' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't41' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't42' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't43' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't44' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't45' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't46' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't47' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't48' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't49' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't50' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't51' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't52' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't53' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't54' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't55' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't56' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't57' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't58' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't59' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't60' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't61' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't62' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't63' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't64' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't65' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't66' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't67' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't68' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't69' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't70' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't71' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't72' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't73' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't74' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't75' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't76' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't77' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't78' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't79' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't80' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't81' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't82' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't83' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't84' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't85' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't86' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't87' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't88' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't89' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't90' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't91' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't92' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't93' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't94' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't95' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't96' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't97' }, (u) => u.add({ eventCount: 1 }))
  .update(Counter, { tenant: 't98' }, (u) => u.add({ eventCount: 1 }));
expectType<100>(ninetyNine.size);
ninetyNine.execute;
// A refused call has no typed callback, so its parameters are annotated (as in rules.test-d.ts).
expectError(ninetyNine.update(Counter, { tenant: 'one-more' }, (u: UpdateOperations<typeof Counter>) => u.add({ eventCount: 1 })));
expectError(ninetyNine.check(Tenant, { tenant: 'one-more' }, (t: AttributeRefs<typeof Tenant>, op: ConditionOperators) => op.eq(t.status, 'active')));

// ----- typed events -----

declare const output: FeedOutput<FeedEntities<typeof feed>>;
expectType<'transaction' | 'images' | 'incomplete'>(output.type);
expectType<string>(output.transactionId);
expectType<number>(output.committedAt);
for (const action of output.actions) {
  expectType<'Event' | 'Counter' | 'Tenant'>(action.entity);
  expectType<'put' | 'update' | 'delete' | 'check'>(action.kind);
  expectError(action.key.eventId);
  if (action.entity === 'Event') {
    expectType<EntityKey<typeof Event>>(action.key);
    expectType<string>(action.key.eventId);
    expectType<EntityItem<typeof Event> | undefined>(action.item);
    expectType<'login' | 'logout' | 'purchase' | undefined>(action.item?.type);
    expectError(action.item?.eventCount);
  }
  if (action.entity === 'Counter') {
    expectType<number | undefined>(action.item?.eventCount);
    expectError(action.key.eventId);
  }
}
if (output.type === 'images') {
  for (const action of output.actions) {
    if (action.entity === 'Counter') {
      expectType<EntityItem<typeof Counter> | undefined>(action.image);
      expectType<number | undefined>(action.image?.eventCount);
      expectType<number | undefined>(action.oldImage?.eventCount);
    }
    if (action.entity === 'Tenant') expectType<'active' | 'suspended' | undefined>(action.image?.status);
  }
}
if (output.type === 'incomplete') expectType<readonly number[]>(output.missing);
if (output.type === 'transaction') {
  // The intent feed's actions carry no images.
  for (const action of output.actions) expectError(action.image);
}
expectNotAssignable<FeedAction<FeedEntities<typeof feed>>>({ entity: 'Other' });

// ----- the runners pass typed events to your function -----

declare const streams: StreamsClientLike;
createFeedPoller(feed, {
  streams,
  streamArn: 'arn:aws:dynamodb:us-east-1:1:table/audit/stream/x',
  mode: 'image',
  onEvent: (event) => {
    expectType<FeedOutput<readonly [typeof Event, typeof Counter, typeof Tenant]>>(event);
  },
});
expectError(createFeedPoller(feed, { streamArn: 'x', onEvent: () => {} }));
declare const dynamodb: { send(command: object): Promise<unknown> };
const handler = feedStreamHandler(feed, {
  client: dynamodb,
  stateTable: 'state',
  consumer: 'audit-images',
  onEvent: (event, info) => {
    expectType<number>(info.attempt);
    for (const a of event.actions) if (a.entity === 'Tenant') expectType<EntityKey<typeof Tenant>>(a.key);
  },
});
expectType<Promise<FeedStreamBatchResponse>>(handler({ Records: [] }));
