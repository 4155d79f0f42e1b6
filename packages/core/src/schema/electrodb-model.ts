/**
 * The one place that reads ElectroDB's internals. ElectroDB keeps an entity's key layout
 * (fields, prefixes, labels, casing, casts, postfixes) in the untyped `entity.model` it builds
 * from the schema, and exposes no public API for it; dynatx reads it from here, so that the keys
 * it writes are ElectroDB's, byte for byte. Both `@dynatx/core` (keys and items) and
 * `@dynatx/testing` (tables made from entities) use this reader.
 *
 * Every field read is checked: should a future ElectroDB reshape its model, `readElectroModel`
 * throws an `UnsupportedEntityError` naming the field, rather than dynatx writing wrong keys.
 * `test/electrodb-internals.test.ts` holds it to that on the lowest and newest supported
 * ElectroDB (3.0.1 and 3.9.3).
 */
import { UnsupportedEntityError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';

/** One key of an index (pk or sk), as ElectroDB formats it. */
export interface ElectroKey {
  readonly field: string;
  readonly prefix: string;
  /** The composites in order; `name: ''` is a template's literal text (`label`). */
  readonly labels: readonly { readonly name: string; readonly label: string }[];
  readonly casing: 'lower' | 'upper' | 'none';
  /** A template key (`template: 'X#${a}'`) rather than ElectroDB's `#label_value` format. */
  readonly isCustom: boolean;
  readonly postfix: string | undefined;
  /** What DynamoDB type the key field holds (`cast: 'number'`, or a single number composite). */
  readonly cast: 'string' | 'number';
}

/** One index of an entity with its partition key and, if it has one, its sort key. */
export interface ElectroIndex {
  /** '' for the table's own key, else the GSI/LSI name. */
  readonly indexName: string;
  readonly pk: ElectroKey;
  readonly sk: ElectroKey | undefined;
}

/** ElectroDB's own view of one attribute (after it normalized the schema). */
export interface ElectroAttribute {
  readonly name: string;
  readonly field: string;
  readonly type: string;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly hidden: boolean;
  readonly enumArray?: readonly (string | number)[];
  readonly items?: ElectroAttribute;
  readonly properties?: { readonly attributes?: Readonly<Record<string, ElectroAttribute>> };
}

/** What `readElectroModel` reads of an entity: names, identifier fields, attributes and the key of every index, in ElectroDB's own terms. */
export interface ElectroModelView {
  readonly entityName: string;
  readonly service: string;
  readonly entityVersion: string;
  /** The fields ElectroDB writes its identifiers to (`__edb_e__`, `__edb_v__` unless renamed). */
  readonly identifierFields: { readonly entity: string; readonly version: string };
  readonly attributes: Readonly<Record<string, ElectroAttribute>>;
  /** Indexes with key fields (multi-attribute "composite" indexes have none and are left out). */
  readonly indexes: readonly ElectroIndex[];
  /** The entity's table now (ElectroDB lets it change with `setTableName`), or undefined if none is set. */
  readonly tableName: () => string | undefined;
}

/** Anything that looks like an ElectroDB entity instance (the model itself is checked when read). */
export function isElectroEntity(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    'model' in value &&
    'schema' in value &&
    typeof (value as { getName?: unknown }).getName === 'function'
  );
}

/** Reads the key layout and attributes ElectroDB built for an entity, checking every field it reads; throws `UnsupportedEntityError` naming the field if ElectroDB's internals are not what dynatx knows. */
export function readElectroModel(entity: unknown): ElectroModelView {
  if (!isElectroEntity(entity)) {
    throw new UnsupportedEntityError(`Expected an ElectroDB Entity (electrodb 3.x), got ${describeValue(entity)}`);
  }
  const e = entity as Record<string, unknown> & { getName(): unknown; getVersion?: () => unknown; getTableName?: () => unknown };
  const entityName = text(e.getName(), 'getName()');
  const where = (field: string) => `${entityName}: model.${field}`;
  const model = object(e.model, 'model', entityName);
  const schema = object(model.schema, where('schema'), entityName);
  const attributes = object(schema.attributes, where('schema.attributes'), entityName) as Record<string, ElectroAttribute>;
  const facets = object(model.facets, where('facets'), entityName);
  const labelsByIndex = object(facets.labels, where('facets.labels'), entityName);
  const prefixes = object(model.prefixes, where('prefixes'), entityName);
  const translations = object(model.translations, where('translations'), entityName);
  const keys = object(translations.keys, where('translations.keys'), entityName);
  const lookup = object(model.lookup, where('lookup'), entityName);
  const indexHasSortKeys = object(lookup.indexHasSortKeys, where('lookup.indexHasSortKeys'), entityName);
  const compositeIndexes = lookup.compositeIndexes instanceof Set ? (lookup.compositeIndexes as Set<string>) : new Set<string>();
  const identifiers = object(e.identifiers, `${entityName}: identifiers`, entityName);

  const indexes: ElectroIndex[] = [];
  for (const indexName of Object.keys(keys)) {
    if (compositeIndexes.has(indexName)) continue;
    const fields = object(keys[indexName], where(`translations.keys['${indexName}']`), entityName);
    const prefix = object(prefixes[indexName], where(`prefixes['${indexName}']`), entityName);
    const labels = object(labelsByIndex[indexName], where(`facets.labels['${indexName}']`), entityName);
    const pk = key(entityName, where(`prefixes['${indexName}'].pk`), text(fields.pk, where(`translations.keys['${indexName}'].pk`)), prefix.pk, labels.pk);
    const hasSk = indexHasSortKeys[indexName] === true && typeof fields.sk === 'string' && fields.sk !== '' && prefix.sk !== undefined;
    const sk = hasSk ? key(entityName, where(`prefixes['${indexName}'].sk`), fields.sk as string, prefix.sk, labels.sk ?? []) : undefined;
    indexes.push({ indexName, pk, sk });
  }
  if (!indexes.some((index) => index.indexName === '')) throw new UnsupportedEntityError(`${entityName} has no table index in its ElectroDB model`);

  return {
    entityName,
    service: typeof model.service === 'string' ? model.service : '',
    entityVersion: text(typeof e.getVersion === 'function' ? e.getVersion() : model.version, `${entityName}: getVersion()`),
    identifierFields: { entity: text(identifiers.entity, where('identifiers.entity')), version: text(identifiers.version, where('identifiers.version')) },
    attributes,
    indexes,
    tableName: () => {
      const table = typeof e.getTableName === 'function' ? e.getTableName() : undefined;
      return typeof table === 'string' ? table : undefined;
    },
  };
}

function key(entityName: string, where: string, field: string, prefix: unknown, labels: unknown): ElectroKey {
  const p = object(prefix, where, entityName);
  if (!Array.isArray(labels)) throw changed(entityName, `${where} labels`, labels);
  return {
    field,
    prefix: typeof p.prefix === 'string' ? p.prefix : '',
    labels: labels.map((label: unknown) => {
      const l = object(label, `${where} label`, entityName);
      return { name: text(l.name, `${where} label name`), label: typeof l.label === 'string' ? l.label : text(l.name, `${where} label`) };
    }),
    casing: p.casing === 'upper' ? 'upper' : p.casing === 'none' ? 'none' : 'lower',
    isCustom: p.isCustom === true,
    postfix: typeof p.postfix === 'string' ? p.postfix : undefined,
    cast: p.cast === 'number' ? 'number' : 'string',
  };
}

function object(value: unknown, where: string, entityName: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw changed(entityName, where, value);
  return value as Record<string, unknown>;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw changed('', where, value);
  return value;
}

function changed(entityName: string, where: string, got: unknown) {
  return new UnsupportedEntityError(
    `dynatx could not read ${where || entityName} from this ElectroDB entity (got ${describeValue(got)}): it supports electrodb 3.x entities made with new Entity(...); if this is one, ElectroDB's internals may have changed in a way dynatx does not know yet`,
  );
}
