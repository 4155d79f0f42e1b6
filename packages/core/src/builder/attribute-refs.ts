import type { AttributePlan, EntityPlan } from '../schema/entity-plan.js';
import { invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';

/**
 * The `t` in `(t, op) => op.eq(t.status, 'active')` and in `u.setPath((t) => t.detail.ip, ...)`:
 * one reference per attribute, and inside it one per map property (`t.detail.ip`) and list
 * element (`t.notes.at(0)`). A reference knows where it points, both as the schema names it
 * (for ElectroDB and messages) and as DynamoDB stores it (field names, list indexes).
 */

/** One step below an attribute: a map property by name, or a list element by index. */
export type PathStep = string | number;

export interface RefData {
  readonly entityName: string;
  /** The top-level attribute the path starts at. */
  readonly root: AttributePlan;
  /** Steps below the root, by schema name: `['ip']`, `[0]`. */
  readonly steps: readonly PathStep[];
  /** The attribute (or property, or list element) the reference points at. */
  readonly attribute: AttributePlan;
  /** DynamoDB attribute names and list indexes from the top level down, e.g. `['detail', 'ip']`, `['notes', 0]`. */
  readonly path: readonly PathStep[];
  /** `op.size(ref)`: a number computed from the attribute. */
  readonly isSize: boolean;
}

/**
 * What a reference knows, under a symbol: a map's reference also carries its properties'
 * references by name, and no property name may collide with this.
 */
export const REF = Symbol('dynatx.attributeRef');

export interface RefImpl {
  readonly [REF]: RefData;
}

const refsCache = new WeakMap<EntityPlan, Record<string, RefImpl>>();

/** One reference per attribute of the entity (and map property), made once per entity. */
export function attributeRefsOf(plan: EntityPlan): Record<string, RefImpl> {
  let refs = refsCache.get(plan);
  if (refs === undefined) {
    refs = {};
    for (const attribute of plan.attributes.values()) {
      refs[attribute.name] = makeRef({ entityName: plan.name, root: attribute, steps: [], attribute, path: [attribute.field], isSize: false });
    }
    refsCache.set(plan, Object.freeze(refs));
  }
  return refs;
}

export function makeRef(data: RefData): RefImpl {
  const ref: Record<string | symbol, unknown> = { [REF]: data };
  const { attribute } = data;
  for (const property of attribute.properties?.values() ?? []) {
    ref[property.name] = makeRef({ ...data, steps: [...data.steps, property.name], attribute: property, path: [...data.path, property.field] });
  }
  if (attribute.kind === 'list' && attribute.listItem !== undefined) {
    const element = attribute.listItem;
    // Lists have no named properties, so `at` can never shadow one.
    ref.at = (index: unknown) => {
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
        throw invalidValueError(`${data.entityName}.${attribute.path}.at() takes a list index (a whole number of at least 0), got ${describeValue(index)}`);
      }
      return makeRef({ ...data, steps: [...data.steps, index], attribute: { ...element, path: `${attribute.path}[${index}]` }, path: [...data.path, index] });
    };
  }
  return Object.freeze(ref) as unknown as RefImpl;
}

/** The reference behind a value, or a typed error naming what took it. */
export function refDataOf(value: unknown, where: string): RefData {
  const data = typeof value === 'object' && value !== null ? (value as Partial<RefImpl>)[REF] : undefined;
  if (data === undefined) throw invalidValueError(`${where} takes an attribute reference, such as t.status, got ${describeValue(value)}`);
  return data;
}

/** `detail.ip`, `notes[0]`: a path as messages show it. */
export function pathText(data: RefData): string {
  return data.attribute.path;
}
