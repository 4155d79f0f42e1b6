import type { AnyEntity } from './entity-types.js';
import { DynatxError, UnsupportedEntityError } from '../errors/errors.js';
import { isElectroEntity, readElectroModel, type ElectroAttribute, type ElectroKey } from './electrodb-model.js';
import { shownText } from '../errors/user-text.js';
import { versionAttributeOf } from './versioning.js';

/**
 * The run-time picture of an ElectroDB entity, derived once per entity and cached.
 *
 * ElectroDB keeps its key layout (prefixes, labels, casing, postfixes) in `entity.model`;
 * we read it from there rather than re-deriving it from the schema so that the keys we
 * write are, byte for byte, the keys ElectroDB writes. `test/electrodb-differential.test.ts`
 * holds us to that over many generated items.
 */
export interface EntityPlan {
  readonly entity: AnyEntity;
  readonly name: string;
  readonly entityVersion: string;
  /** The entity's table now: read per action, since ElectroDB lets it change (`setTableName`). */
  tableName(): string;
  readonly identifierFields: { readonly entity: string; readonly version: string };
  readonly attributes: ReadonlyMap<string, AttributePlan>;
  readonly primary: IndexPlan;
  readonly secondary: readonly IndexPlan[];
  /** The optimistic-locking version attribute, for entities wrapped with `versioned()`. */
  readonly version: AttributePlan | undefined;
  /** Attributes with a default, applied to puts that leave them out. */
  readonly defaulted: readonly AttributePlan[];
  /** Attributes a put must end up with: required ones and key composites. */
  readonly requiredOnPut: readonly AttributePlan[];
  /** The bytes the identifier attributes add to every item. */
  readonly identifierBytes: number;
  /** Primary-key composite attribute names, sorted: the order item ids are written in. */
  readonly keyNames: readonly string[];
  /**
   * Who writes this entity's items, keys and updates. `native`: dynatx itself, fast, held to
   * ElectroDB's output by the differential tests. `electrodb`: ElectroDB's own `params()`, for
   * entities with functions only ElectroDB can run exactly (setters, watchers, validators,
   * attribute casts, index conditions); dynatx then checks and marshals what ElectroDB built.
   */
  readonly writer: 'native' | 'electrodb';
  /** Attributes that are composites of a secondary index's key. */
  readonly indexComposites: ReadonlySet<string>;
  /** Why the entity needs ElectroDB's writer, e.g. `status.set, updatedAt.watch` (for messages and docs). */
  readonly electrodbFeatures: readonly string[];
}

export type AttributeKind = 'string' | 'number' | 'boolean' | 'enum' | 'set' | 'list' | 'map' | 'any';

export interface AttributePlan {
  readonly name: string;
  /** The attribute's path for messages, e.g. `detail.ip`. */
  readonly path: string;
  /** The DynamoDB attribute name (ElectroDB's `field`). */
  readonly field: string;
  /** Its UTF-8 length, counted once for the item-size pre-flight. */
  readonly fieldBytes: number;
  readonly kind: AttributeKind;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly hidden: boolean;
  /** `undefined` when the attribute has no default; a function default is called per write. */
  readonly defaultValue: unknown;
  readonly hasDefault: boolean;
  readonly enumValues?: ReadonlySet<string | number>;
  /** For sets: what each member is. */
  readonly setMember?: 'string' | 'number';
  /** For lists: the plan of every element. */
  readonly listItem?: AttributePlan;
  /** For maps: the plans of the declared properties. */
  readonly properties?: ReadonlyMap<string, AttributePlan>;
  readonly isPrimaryKeyComposite: boolean;
  /** Part of any index's key (the table's or a secondary one). */
  readonly isKeyComposite: boolean;
  /** Key text padding, as ElectroDB's `padding` option. */
  readonly padding?: { readonly length: number; readonly char: string };
}

export interface KeyPlan {
  readonly field: string;
  readonly prefix: string;
  /** The attributes the key is built from, in order. */
  readonly composites: readonly KeyComposite[];
  /**
   * How the key is written, in order: composites, and for a template (`'ACTIVE'`,
   * `'X#${t}#Y'`) the literal text between them.
   */
  readonly segments: readonly (KeyComposite | { readonly name: ''; readonly label: string; readonly attribute: undefined })[];
  readonly casing: 'lower' | 'upper' | 'none';
  readonly isCustom: boolean;
  readonly postfix: string | undefined;
  readonly castToNumber: boolean;
}

export interface KeyComposite {
  readonly name: string;
  readonly label: string;
  readonly attribute: AttributePlan;
}

export interface IndexPlan {
  /** '' for the table's primary index, else the GSI/LSI name. */
  readonly name: string;
  readonly pk: KeyPlan;
  readonly sk: KeyPlan | undefined;
  readonly compositeNames: ReadonlySet<string>;
}

const cache = new WeakMap<object, EntityPlan>();

export function planOf(entity: AnyEntity): EntityPlan {
  let plan = cache.get(entity);
  if (plan === undefined) {
    try {
      plan = buildPlan(entity);
    } catch (error) {
      if (error instanceof DynatxError) throw error;
      // Something shaped like an entity whose internals are not ElectroDB's.
      throw new UnsupportedEntityError(
        `dynatx could not read this entity as an ElectroDB entity (${error instanceof Error ? shownText(error.message, 120) : 'unknown error'}); pass an entity made with electrodb's new Entity(...)`,
      );
    }
    cache.set(entity, plan);
  }
  return plan;
}

/** True for anything that looks like an ElectroDB entity instance. */
export function isEntity(value: unknown): value is AnyEntity {
  return isElectroEntity(value);
}

interface UserAttributeDefinition {
  type?: unknown;
  default?: unknown;
  padding?: { length: number; char: string };
  items?: unknown;
  properties?: Record<string, UserAttributeDefinition>;
  set?: unknown;
  get?: unknown;
  watch?: unknown;
  validate?: unknown;
  cast?: unknown;
}

function buildPlan(entity: AnyEntity): EntityPlan {
  const model = readElectroModel(entity);
  const userAttributes = (entity.schema as { attributes: Record<string, UserAttributeDefinition> }).attributes;
  const name = model.entityName;
  const table = model.indexes.find((index) => index.indexName === '')!;
  // (A template's literal text comes as a label without a name.)
  const primaryCompositeNames = new Set<string>(
    [...table.pk.labels, ...(table.sk?.labels ?? [])].map((l) => l.name).filter((n) => n !== ''),
  );

  const keyCompositeNames = new Set(model.indexes.flatMap((index) => [...index.pk.labels, ...(index.sk?.labels ?? [])].map((l) => l.name)));
  const attributes = new Map<string, AttributePlan>();
  for (const [attributeName, definition] of Object.entries(userAttributes)) {
    const electro = model.attributes[attributeName];
    if (electro === undefined) continue;
    attributes.set(
      attributeName,
      planAttribute(name, attributeName, attributeName, definition, electro, primaryCompositeNames.has(attributeName), keyCompositeNames.has(attributeName)),
    );
  }

  const electrodbFeatures = featuresNeedingElectroDB(userAttributes, (entity.schema as { indexes: Record<string, { condition?: unknown }> }).indexes);
  const versionName = versionAttributeOf(entity);
  const indexPlans: IndexPlan[] = model.indexes.map((index) => {
    const pk = planKey(name, index.pk, attributes);
    const sk = index.sk === undefined ? undefined : planKey(name, index.sk, attributes);
    const compositeNames = new Set([...pk.composites, ...(sk?.composites ?? [])].map((c) => c.name));
    return { name: index.indexName, pk, sk, compositeNames };
  });
  const primary = indexPlans.find((index) => index.name === '');
  if (primary === undefined) throw new UnsupportedEntityError(`${name} has no primary index`);

  return Object.freeze({
    entity,
    name,
    entityVersion: model.entityVersion,
    version: versionName === undefined ? undefined : attributes.get(versionName),
    tableName: () => model.tableName() ?? '',
    identifierFields: model.identifierFields,
    attributes,
    primary,
    secondary: indexPlans.filter((index) => index !== primary),
    keyNames: [...primaryCompositeNames].sort(compareCodeUnits),
    defaulted: [...attributes.values()].filter((a) => a.hasDefault),
    requiredOnPut: [...attributes.values()].filter((a) => a.required || a.isPrimaryKeyComposite),
    identifierBytes:
      Buffer.byteLength(model.identifierFields.entity) +
      Buffer.byteLength(name) +
      Buffer.byteLength(model.identifierFields.version) +
      Buffer.byteLength(model.entityVersion),
    writer: electrodbFeatures.length > 0 ? 'electrodb' : 'native',
    indexComposites: new Set(indexPlans.filter((index) => index !== primary).flatMap((index) => [...index.compositeNames])),
    electrodbFeatures,
  });
}

/**
 * The entity features whose effect on what is written only ElectroDB's own code reproduces
 * exactly: functions of the user's (setters, watchers, validators, index conditions) and
 * attribute casts. `get` only changes items read, which ElectroDB formats anyway.
 */
function featuresNeedingElectroDB(
  attributes: Record<string, UserAttributeDefinition>,
  indexes: Record<string, { condition?: unknown }>,
): string[] {
  const found: string[] = [];
  const visit = (definition: UserAttributeDefinition | undefined, path: string) => {
    if (typeof definition !== 'object' || definition === null) return;
    for (const option of ['set', 'watch', 'validate', 'cast'] as const) {
      if (definition[option] !== undefined) found.push(`${path}.${option}`);
    }
    for (const [property, child] of Object.entries(definition.properties ?? {})) visit(child, `${path}.${property}`);
    if (typeof definition.items === 'object' && definition.items !== null && !Array.isArray(definition.items)) {
      visit(definition.items as UserAttributeDefinition, `${path}[]`);
    }
  };
  for (const [name, definition] of Object.entries(attributes)) visit(definition, name);
  for (const [accessPattern, index] of Object.entries(indexes)) {
    if (index.condition !== undefined) found.push(`${accessPattern}.condition`);
  }
  return found;
}

/** Plain UTF-16 code-unit order: the order the type-level sort reproduces. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function planAttribute(
  entityName: string,
  name: string,
  path: string,
  definition: UserAttributeDefinition,
  electro: ElectroAttribute,
  isPrimaryKeyComposite: boolean,
  isKeyComposite = isPrimaryKeyComposite,
): AttributePlan {
  const kind = kindOf(electro.type);
  const plan: {
    -readonly [K in keyof AttributePlan]: AttributePlan[K];
  } = {
    name,
    path,
    field: electro.field ?? name,
    fieldBytes: Buffer.byteLength(electro.field ?? name),
    kind,
    required: electro.required === true,
    readOnly: electro.readOnly === true,
    hidden: electro.hidden === true,
    defaultValue: definition.default,
    hasDefault: definition.default !== undefined,
    isPrimaryKeyComposite,
    isKeyComposite,
  };
  if (definition.padding !== undefined && definition.padding.length > 0 && definition.padding.char) {
    plan.padding = definition.padding;
  }
  if (kind === 'enum') plan.enumValues = new Set(electro.enumArray ?? (definition.type as (string | number)[]));
  if (kind === 'set') {
    const items = definition.items;
    if (Array.isArray(items)) {
      plan.enumValues = new Set(items as (string | number)[]);
      plan.setMember = typeof items[0] === 'number' ? 'number' : 'string';
    } else {
      plan.setMember = items === 'number' ? 'number' : 'string';
    }
  }
  if (kind === 'list' && electro.items !== undefined) {
    plan.listItem = planAttribute(
      entityName,
      '[]',
      `${path}[]`,
      (definition.items ?? {}) as UserAttributeDefinition,
      electro.items,
      false,
    );
  }
  if (kind === 'map') {
    const properties = new Map<string, AttributePlan>();
    const electroProperties = electro.properties?.attributes ?? {};
    for (const [propertyName, propertyDefinition] of Object.entries(definition.properties ?? {})) {
      const electroProperty = electroProperties[propertyName];
      if (electroProperty === undefined) continue;
      properties.set(
        propertyName,
        planAttribute(entityName, propertyName, `${path}.${propertyName}`, propertyDefinition, electroProperty, false),
      );
    }
    plan.properties = properties;
  }
  return Object.freeze(plan);
}

function kindOf(electroType: string): AttributeKind {
  switch (electroType) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'set':
    case 'list':
    case 'map':
      return electroType;
    default:
      return 'any';
  }
}

function planKey(entityName: string, key: ElectroKey, attributes: ReadonlyMap<string, AttributePlan>): KeyPlan {
  const { field, labels } = key;
  const segments = labels.map(({ name, label }) => {
    if (name === '') return { name: '' as const, label, attribute: undefined };
    const attribute = attributes.get(name);
    if (attribute === undefined) {
      throw new UnsupportedEntityError(`${entityName}: key composite '${name}' is not an attribute`);
    }
    return { name, label, attribute };
  });
  return {
    field,
    prefix: key.prefix,
    segments,
    composites: segments.filter((segment): segment is KeyComposite => segment.attribute !== undefined),
    casing: key.casing,
    isCustom: key.isCustom,
    postfix: key.postfix,
    castToNumber: key.cast === 'number',
  };
}
