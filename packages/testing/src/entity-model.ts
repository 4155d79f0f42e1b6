import type { Entity } from 'electrodb';

/** Any ElectroDB entity, whatever its attributes and indexes. */
export type AnyEntity = Entity<any, any, any, any>;

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
 * ElectroDB does not expose its key layout publicly, so this reads the parsed
 * model it keeps at runtime (checked against electrodb 3.x):
 *   model.translations.keys[indexName] = { pk: field, sk: field | '' }
 *   model.prefixes[indexName].{pk,sk}.cast = 'string' | 'number'
 * The primary index is keyed by ''. The cast is what ElectroDB writes to the
 * item, which is what the table's AttributeDefinitions must match: it is
 * 'number' both for `cast: 'number'` keys and for a number attribute used
 * directly as a key field.
 */
interface ElectroModelInternals {
  entity?: unknown;
  service?: unknown;
  translations?: { keys?: Record<string, { pk?: unknown; sk?: unknown } | undefined> };
  prefixes?: Record<string, { pk?: { cast?: unknown }; sk?: { cast?: unknown } } | undefined>;
}

export function readEntityKeyLayout(entity: AnyEntity): EntityKeyLayout {
  const model = (entity as unknown as { model?: ElectroModelInternals }).model;
  const keys = model?.translations?.keys;
  if (model === undefined || keys === undefined || typeof keys !== 'object') {
    throw new TypeError(
      'Expected an ElectroDB Entity (electrodb 3.x): could not read model.translations.keys from the given object',
    );
  }
  const label = `${String(model.service ?? '?')}/${String(model.entity ?? '?')}`;

  const indexes: EntityIndexKeys[] = [];
  for (const [indexName, translation] of Object.entries(keys)) {
    if (translation === undefined || typeof translation.pk !== 'string' || translation.pk === '') {
      throw new TypeError(`Entity ${label}: index "${indexName}" has no partition key field in the ElectroDB model`);
    }
    const casts = model.prefixes?.[indexName];
    const sk = typeof translation.sk === 'string' && translation.sk !== '' ? translation.sk : undefined;
    indexes.push({
      indexName,
      pk: { field: translation.pk, type: attributeType(casts?.pk?.cast) },
      sk: sk === undefined ? undefined : { field: sk, type: attributeType(casts?.sk?.cast) },
    });
  }

  const primary = indexes.find((index) => index.indexName === '');
  if (primary === undefined) {
    throw new TypeError(`Entity ${label} has no primary index in its ElectroDB model`);
  }
  return {
    label,
    tableName: entity.getTableName(),
    primary,
    secondary: indexes.filter((index) => index.indexName !== ''),
  };
}

function attributeType(cast: unknown): KeyAttributeType {
  return cast === 'number' ? 'N' : 'S';
}
