/**
 * The guard on ElectroDB's internals. dynatx (and @dynatx/testing) read an entity's key layout
 * from ElectroDB's undocumented `entity.model` through one reader, `readElectroModel`. This test
 * pins what that reader sees on the lowest and the newest supported ElectroDB: if a release
 * reshapes the model, this fails loudly here, naming what changed, before any key is wrong.
 */
import { Entity as EntityNewest } from 'electrodb';
import { Entity as EntityLowest } from 'electrodb-lowest';
import { describe, expect, test } from 'vitest';
import { UnsupportedEntityError } from '../src/index.js';
import { readElectroModel } from '../src/schema/electrodb-model.js';

const schema = {
  model: { entity: 'Order', version: '2', service: 'shop' },
  attributes: {
    orderId: { type: 'string', required: true },
    customer: { type: 'string', required: true, field: 'cust' },
    placedAt: { type: 'number', required: true },
    status: { type: ['open', 'paid'], default: 'open' },
    region: { type: 'string' },
    total: { type: 'number' },
  },
  indexes: {
    byOrder: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
    byCustomer: {
      index: 'gsi1',
      collection: 'customerView',
      pk: { field: 'gsi1pk', composite: ['customer'], casing: 'upper' },
      sk: { field: 'gsi1sk', composite: ['placedAt', 'status'] },
    },
    byRegion: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['region'], template: 'R#${region}#END' }, sk: { field: 'gsi2sk', composite: ['total'], cast: 'number' } },
  },
} as const;

describe.each([
  ['3.9.3', EntityNewest],
  ['3.0.1', EntityLowest],
] as const)('ElectroDB %s: what the reader sees', (_version, Entity) => {
  const model = readElectroModel(new (Entity as any)(schema, { table: 'orders' }));

  test('names, version, identifiers, table', () => {
    expect(model.entityName).toBe('Order');
    expect(model.service).toBe('shop');
    expect(model.entityVersion).toBe('2');
    expect(model.identifierFields).toEqual({ entity: '__edb_e__', version: '__edb_v__' });
    expect(model.tableName()).toBe('orders');
  });

  test('attributes as ElectroDB normalized them', () => {
    expect(model.attributes.customer).toMatchObject({ name: 'customer', field: 'cust', type: 'string', required: true });
    expect(model.attributes.status).toMatchObject({ type: 'enum', enumArray: ['open', 'paid'] });
  });

  test('every key: field, prefix, labels, casing, template, cast, postfix', () => {
    expect(model.indexes.map((i) => i.indexName).sort()).toEqual(['', 'gsi1', 'gsi2']);
    const table = model.indexes.find((i) => i.indexName === '')!;
    expect(table.pk).toEqual({ field: 'pk', prefix: '$shop', labels: [{ name: 'orderId', label: 'orderId' }], casing: 'lower', isCustom: false, postfix: undefined, cast: 'string' });
    expect(table.sk).toMatchObject({ field: 'sk', prefix: '$order_2', labels: [], isCustom: false, cast: 'string' });
    const byCustomer = model.indexes.find((i) => i.indexName === 'gsi1')!;
    expect(byCustomer.pk).toMatchObject({ field: 'gsi1pk', prefix: '$SHOP', casing: 'upper', labels: [{ name: 'customer', label: 'customer' }] });
    expect(byCustomer.sk).toMatchObject({ field: 'gsi1sk', prefix: '$customerview#order_2', labels: [{ name: 'placedAt' }, { name: 'status' }] });
    const byRegion = model.indexes.find((i) => i.indexName === 'gsi2')!;
    expect(byRegion.pk).toMatchObject({ field: 'gsi2pk', isCustom: true, labels: [{ name: 'region', label: 'R#' }, { name: '', label: '#END' }] });
    expect(byRegion.sk).toMatchObject({ field: 'gsi2sk', cast: 'number', labels: [{ name: 'total' }] });
  });
});

describe('what the reader refuses, loudly', () => {
  test('something that is not an entity', () => {
    expect(() => readElectroModel({})).toThrow(UnsupportedEntityError);
    expect(() => readElectroModel(null)).toThrow(/Expected an ElectroDB Entity \(electrodb 3\.x\), got null/);
  });

  test('an entity whose model is missing a field dynatx reads names that field', () => {
    const entity = new EntityNewest(schema as any, { table: 'orders' });
    const reshaped = Object.create(entity);
    reshaped.model = { ...(entity as any).model, translations: {} };
    expect(() => readElectroModel(reshaped)).toThrow(/could not read Order: model\.translations\.keys from this ElectroDB entity/);
    reshaped.model = { ...(entity as any).model, prefixes: { ...(entity as any).model.prefixes, gsi1: undefined } };
    expect(() => readElectroModel(reshaped)).toThrow(/model\.prefixes\['gsi1'\]/);
  });
});
