import { readElectroModel, type AnyEntity, type ElectroKey } from '@dynatx/core';

/** Any ElectroDB entity, whatever its attributes and indexes: the type `@dynatx/core` takes. */
export type { AnyEntity };

export type KeyAttributeType = 'S' | 'N';

export interface KeyField {
  readonly field: string;
  readonly type: KeyAttributeType;
}

export interface EntityIndexKeys {
  /** The DynamoDB index name; '' for the table's primary key. */
  readonly indexName: string;
  readonly pk: KeyField;
  readonly sk: KeyField | undefined;
}

export interface EntityKeyLayout {
  /** For error messages: `service/entity`. */
  readonly label: string;
  readonly tableName: string | undefined;
  readonly primary: EntityIndexKeys;
  readonly secondary: readonly EntityIndexKeys[];
}

/*
 * The key layout comes from `@dynatx/core`'s `readElectroModel`, the one reader of ElectroDB's
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
