import { readElectroModel, type AnyEntity, type ElectroKey } from '@dynatx/core';

/** Any ElectroDB entity, whatever its attributes and indexes: the type `@dynatx/core` takes. */
export type { AnyEntity };

/** The DynamoDB type of a key attribute: S for string keys, N for numeric ones (`cast: 'number'` or a number attribute used as the key). */
export type KeyAttributeType = 'S' | 'N';

/** One key attribute of a table or index: its name on the item and its DynamoDB type. */
export interface KeyField {
  readonly field: string;
  readonly type: KeyAttributeType;
}

/** The partition and sort key of one index (the table's own when `indexName` is empty). */
export interface EntityIndexKeys {
  /** The DynamoDB index name; '' for the table's primary key. */
  readonly indexName: string;
  readonly pk: KeyField;
  readonly sk: KeyField | undefined;
}

/** What a table needs to hold an entity: its key, its secondary indexes, and the table name the entity is configured with. */
export interface EntityKeyLayout {
  /** For error messages: `service/entity`. */
  readonly label: string;
  readonly tableName: string | undefined;
  readonly primary: EntityIndexKeys;
  readonly secondary: readonly EntityIndexKeys[];
}

/**
 * Reads an entity's key layout. It comes from `@dynatx/core`'s `readElectroModel`, the one reader of ElectroDB's
 * internals: tables made here have exactly the key fields and types that dynatx (and ElectroDB)
 * write, and a change in ElectroDB's internals fails there, loudly, naming the field, for both
 * packages at once (core's test/electrodb-internals.test.ts checks the lowest and newest
 * supported ElectroDB).
 */
export function readEntityKeyLayout(entity: AnyEntity): EntityKeyLayout {
  const model = readElectroModel(entity);
  const keyField = (key: ElectroKey): KeyField => ({ field: key.field, type: attributeType(key.cast) });
  const indexes: EntityIndexKeys[] = model.indexes.map((index) => ({
    indexName: index.indexName,
    pk: keyField(index.pk),
    sk: index.sk === undefined ? undefined : keyField(index.sk),
  }));
  // readElectroModel refuses a model without a table index, so there is always one.
  const primary = indexes.find((index) => index.indexName === '')!;
  return {
    label: `${model.service || '?'}/${model.entityName}`,
    tableName: model.tableName(),
    primary,
    secondary: indexes.filter((index) => index.indexName !== ''),
  };
}

function attributeType(cast: unknown): KeyAttributeType {
  return cast === 'number' ? 'N' : 'S';
}
