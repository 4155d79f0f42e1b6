/**
 * @dynatx/testing makes tables from the same reading of ElectroDB's internals that @dynatx/core
 * writes keys from: core's readElectroModel, the one reader (issue: "one place that knows
 * ElectroDB's internals"). These tests hold testing to it: the layout is core's, a non-entity or
 * a reshaped model fails with core's typed error, and no source file here reads `.model` itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElectroModel, UnsupportedEntityError } from '@dynatx/core';
import { Entity } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { readEntityKeyLayout, tableDefinitionFor } from '../src/index.js';

const Shipment = new Entity(
  {
    model: { entity: 'Shipment', version: '1', service: 'logistics' },
    attributes: {
      shipmentId: { type: 'string', required: true },
      depot: { type: 'string', required: true },
      dueDay: { type: 'number', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['shipmentId'] }, sk: { field: 'sk', composite: [] } },
      byDepot: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['depot'] }, sk: { field: 'gsi1sk', composite: ['dueDay'], cast: 'number' } },
      byDay: { index: 'gsi2', pk: { field: 'dueDay', composite: ['dueDay'] } },
    },
  },
  { table: 'shipments' },
);

describe("readEntityKeyLayout is core's readElectroModel", () => {
  it('every index with the fields and key types core writes', () => {
    const model = readElectroModel(Shipment);
    const layout = readEntityKeyLayout(Shipment);
    const fromCore = model.indexes.map((index) => ({
      indexName: index.indexName,
      pk: { field: index.pk.field, type: index.pk.cast === 'number' ? 'N' : 'S' },
      sk: index.sk && { field: index.sk.field, type: index.sk.cast === 'number' ? 'N' : 'S' },
    }));
    expect([layout.primary, ...layout.secondary]).toEqual(fromCore);
    expect(layout).toMatchObject({ label: 'logistics/Shipment', tableName: 'shipments' });
    // A number attribute used as a key field is a number key; cast: 'number' too.
    expect(layout.secondary.find((index) => index.indexName === 'gsi2')?.pk).toEqual({ field: 'dueDay', type: 'N' });
    expect(layout.secondary.find((index) => index.indexName === 'gsi1')?.sk).toEqual({ field: 'gsi1sk', type: 'N' });
  });

  it("a non-entity is refused with core's typed error, before any table is made", () => {
    for (const notAnEntity of [{}, null, { model: {} }, Shipment.schema]) {
      expect(() => readEntityKeyLayout(notAnEntity as never)).toThrow(UnsupportedEntityError);
      expect(() => tableDefinitionFor([notAnEntity as never])).toThrow(UnsupportedEntityError);
    }
  });

  it('a model ElectroDB reshaped fails in testing as in core, naming the field', () => {
    const reshaped = Object.create(Shipment) as typeof Shipment & { model: unknown };
    reshaped.model = { ...(Shipment as unknown as { model: object }).model, translations: {} };
    expect(() => readElectroModel(reshaped)).toThrow(/model\.translations\.keys/);
    expect(() => readEntityKeyLayout(reshaped)).toThrow(/model\.translations\.keys/);
  });

  it('no source file of @dynatx/testing reads ElectroDB internals itself', () => {
    const src = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'src');
    const readers = readdirSync(src)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => /\.model\b|translations|prefixes/.test(readFileSync(join(src, name), 'utf8')));
    expect(readers).toEqual([]);
  });
});
