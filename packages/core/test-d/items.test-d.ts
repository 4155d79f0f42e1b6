/**
 * Items are typed from the entity's schema: what `put` takes (EntityPutItem) and what comes
 * back from DynamoDB (EntityItem). Every attribute kind is on `Kitchen` (see entities.ts).
 */
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import { tx, type EntityItem, type EntityPutItem } from '../dist/index.js';
import { Counter, Kitchen, Tenant } from './entities.js';

type KitchenPut = EntityPutItem<typeof Kitchen>;
type KitchenItem = EntityItem<typeof Kitchen>;

const minimal = { id: 'k1', owner: 'ana' } as const;

// ----- required, optional, default -----

// The key and the required attributes without a default are all a put needs.
tx().put(Kitchen, minimal);
expectAssignable<KitchenPut>({ id: 'k1', owner: 'ana' });
// A required attribute without a default cannot be left out...
expectError(tx().put(Kitchen, { id: 'k1' }));
// ...nor can the key.
expectError(tx().put(Kitchen, { owner: 'ana' }));
// Required with a default (`stage`) and optional with a default (`revision`) may be left out or given.
expectAssignable<KitchenPut>({ id: 'k1', owner: 'ana', stage: 'live', revision: 3 });
// Counter.eventCount is required but has a default: a put may leave it out.
tx().put(Counter, { tenant: 'acme' });
expectType<number | undefined>(({} as EntityPutItem<typeof Counter>).eventCount);
// Optional attributes are optional on put.
expectType<string | undefined>(({} as KitchenPut).title);
expectType<string>(({} as KitchenPut).owner);

// ----- strings, numbers, booleans -----

tx().put(Kitchen, { ...minimal, title: 'Pantry', count: 3, active: true });
expectError(tx().put(Kitchen, { ...minimal, title: 7 }));
expectError(tx().put(Kitchen, { ...minimal, count: '3' }));
expectError(tx().put(Kitchen, { ...minimal, active: 'yes' }));
expectError(tx().put(Kitchen, { id: 42, owner: 'ana' }));

// ----- enums: only their members -----

tx().put(Kitchen, { ...minimal, color: 'green', stage: 'live' });
expectType<'red' | 'green' | 'blue' | undefined>(({} as KitchenPut).color);
expectError(tx().put(Kitchen, { ...minimal, color: 'purple' }));
expectError(tx().put(Kitchen, { ...minimal, stage: 'archived' }));
expectError(tx().put(Tenant, { tenant: 'acme', status: 'closed' }));

// ----- sets: arrays or Sets of the member type -----

tx().put(Kitchen, { ...minimal, labels: ['a', 'b'], scores: [1, 2], levels: ['low'] });
tx().put(Kitchen, { ...minimal, labels: new Set(['a']), scores: new Set([1]), levels: new Set(['high'] as const) });
expectError(tx().put(Kitchen, { ...minimal, labels: [1] }));
expectError(tx().put(Kitchen, { ...minimal, scores: ['1'] }));
expectError(tx().put(Kitchen, { ...minimal, scores: new Set(['1']) }));
expectError(tx().put(Kitchen, { ...minimal, levels: ['medium'] }));
// A set is not a single member.
expectError(tx().put(Kitchen, { ...minimal, labels: 'a' }));

// ----- lists -----

tx().put(Kitchen, { ...minimal, lines: ['one', 'two'], parts: [{ sku: 'x1', qty: 2 }, { sku: 'x2' }] });
expectError(tx().put(Kitchen, { ...minimal, lines: [1] }));
// Each list element is checked against the item definition: `sku` is required in it...
expectError(tx().put(Kitchen, { ...minimal, parts: [{ qty: 2 }] }));
// ...and `qty` must be a number.
expectError(tx().put(Kitchen, { ...minimal, parts: [{ sku: 'x1', qty: 'two' }] }));

// ----- maps: nested property types, required properties -----

tx().put(Kitchen, { ...minimal, profile: { email: 'ana@example.com', age: 40 } });
tx().put(Kitchen, { ...minimal, profile: { email: 'ana@example.com' } });
expectError(tx().put(Kitchen, { ...minimal, profile: { age: 40 } }));
expectError(tx().put(Kitchen, { ...minimal, profile: { email: 'ana@example.com', age: 'forty' } }));
expectType<{ readonly email: string; readonly age?: number | undefined } | undefined>(({} as KitchenPut).profile);
// A property the map does not declare, at any depth of maps and lists of maps: the item is an
// inferred type parameter, which TypeScript's own excess-property check skips, so dynatx checks
// it ("Kitchen.profile has no property 'extra'", the run-time message too).
expectError(tx().put(Kitchen, { ...minimal, profile: { email: 'ana@example.com', extra: 1 } }));
expectError(tx().put(Kitchen, { ...minimal, parts: [{ sku: 'x1', extra: 1 }] }));

// ----- any -----

tx().put(Kitchen, { ...minimal, blob: { anything: [1, 'two', null] } });
tx().put(Kitchen, { ...minimal, blob: 'text' });
expectAssignable<KitchenPut>({ id: 'k1', owner: 'ana', blob: 12 });

// ----- readOnly and hidden attributes can be written by put -----

tx().put(Kitchen, { ...minimal, createdBy: 'system', secret: 's3cr3t' });

// ----- attributes the entity does not have -----

expectError(tx().put(Kitchen, { ...minimal, nope: 1 }));
expectNotAssignable<KitchenPut>({ id: 'k1', owner: 'ana', title: null });

// ----- items read back (EntityItem) -----

// Required attributes and attributes with a default are present when read...
expectType<number>(({} as KitchenItem).revision);
expectType<'draft' | 'live'>(({} as KitchenItem).stage);
expectType<string>(({} as KitchenItem).owner);
// ...the others may be missing...
expectType<boolean | undefined>(({} as KitchenItem).active);
// ...readOnly attributes are read like any other...
expectType<string | undefined>(({} as KitchenItem).createdBy);
// ...and hidden attributes are left out.
expectError(({} as KitchenItem).secret);
expectType<number>(({} as EntityItem<typeof Counter>).eventCount);
