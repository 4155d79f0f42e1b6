import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePlan, EntityPlan } from '../schema/entity-plan.js';
import { REF, attributeRefsOf, refDataOf, type RefData } from './attribute-refs.js';
import type { AnyEntity, AttributeRef, AttributeRefs, RefKind, RefKindOf, RefPath, RefValue } from '../schema/entity-types.js';
import type { ComparisonOperator, ConditionNode, OperandNode } from '../nodes/condition-node.js';
import { marshalValue } from '../schema/marshal.js';
import { invalidValueError } from '../errors/errors.js';
import { tooManyInOperandsMessage, type OperatorKindMessage, type OperatorName } from '../errors/messages.js';
import { describeValue } from '../errors/user-text.js';

declare const conditionBrand: unique symbol;

/**
 * A condition built with `op`; pass it as `if`, or as the check of `check()`. Opaque on
 * purpose: only `op` makes conditions, so a hand-made object neither compiles nor (from plain
 * JavaScript) gets through at run time.
 */
export interface Condition {
  readonly [conditionBrand]: true;
}

/** `(t, op) => op.eq(t.status, 'active')`: how every condition is written. */
export type ConditionFn<E extends AnyEntity> = (attributes: AttributeRefs<E>, op: ConditionOperators) => Condition;

/** DynamoDB compares values of any type for equality (lists and maps element by element). */
type EqualityKind = RefKind;
type ScalarKind = 'string' | 'number' | 'enum' | 'boolean' | 'size';
type OrderedKind = 'string' | 'number' | 'enum' | 'size';
type ContainerKind = 'string' | 'set' | 'list';
type SizedKind = 'string' | 'set' | 'list' | 'map' | 'any';
type ElementOf<R> =
  RefValue<R> extends string ? string : RefValue<R> extends readonly (infer M)[] | ReadonlySet<infer M> ? M : never;

/**
 * What an operator takes after a reference of kind `Kinds`: `Value` when the reference fits,
 * else the sentence that says it does not (`beginsWith needs a string attribute: Order.total
 * is a number`), which no value matches. The sentence is reported on the value rather than on
 * the reference: a reference to a map or set prints its whole value type.
 */
type ValueFor<R, Kinds extends RefKind, Operator extends OperatorName, Value> = R extends AttributeRef<unknown, Kinds, string>
  ? Value
  : OperatorKindMessage<Operator, RefPath<R>, RefKindOf<R>>;

/** The same for `size`, which takes nothing else: the reference itself, when it fits. */
type SizedRef<R> = R extends AttributeRef<unknown, SizedKind, string> ? R : OperatorKindMessage<'size', RefPath<R>, RefKindOf<R>>;

/** DynamoDB's type descriptors, for `attribute_type`. */
export type DynamoDBType = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M';

/**
 * The condition operators. Each takes an attribute reference first, and its value
 * parameters are typed from that reference: `op.eq(t.status, 'archived')` does not compile
 * when `status` is `'active' | 'suspended'`.
 */
export interface ConditionOperators {
  /** `attribute = value`: equal, for attributes that can be compared whole (not maps, lists or sets). */
  eq<R extends AttributeRef<unknown, EqualityKind>>(attribute: R, value: RefValue<R>): Condition;
  /** `attribute <> value`: not equal; also true when the attribute is missing. */
  ne<R extends AttributeRef<unknown, EqualityKind>>(attribute: R, value: RefValue<R>): Condition;
  /** `attribute < value`, for numbers, strings and enums (strings compare by UTF-8 bytes). */
  lt<R extends AttributeRef>(attribute: R, value: ValueFor<R, OrderedKind, 'lt', RefValue<R>>): Condition;
  /** `attribute <= value`, for numbers, strings and enums. */
  lte<R extends AttributeRef>(attribute: R, value: ValueFor<R, OrderedKind, 'lte', RefValue<R>>): Condition;
  /** `attribute > value`, for numbers, strings and enums. */
  gt<R extends AttributeRef>(attribute: R, value: ValueFor<R, OrderedKind, 'gt', RefValue<R>>): Condition;
  /** `attribute >= value`, for numbers, strings and enums. */
  gte<R extends AttributeRef>(attribute: R, value: ValueFor<R, OrderedKind, 'gte', RefValue<R>>): Condition;
  /** `attribute BETWEEN low AND high`, both ends included. */
  between<R extends AttributeRef>(attribute: R, low: ValueFor<R, OrderedKind, 'between', RefValue<R>>, high: RefValue<R>): Condition;
  /** `IN`: at most 100 values. */
  in<R extends AttributeRef>(attribute: R, values: ValueFor<R, ScalarKind, 'in', readonly RefValue<R>[]>): Condition;
  /** `begins_with(attribute, prefix)`, for string and enum attributes. */
  beginsWith<R extends AttributeRef>(attribute: R, prefix: ValueFor<R, 'string' | 'enum', 'beginsWith', string>): Condition;
  /** A substring of a string, or a member of a set or list. */
  contains<R extends AttributeRef>(attribute: R, element: ValueFor<R, ContainerKind, 'contains', ElementOf<R>>): Condition;
  /** `attribute_exists(attribute)`: the item has the attribute (on a key attribute: the item exists). */
  exists(attribute: AttributeRef): Condition;
  /** `attribute_not_exists(attribute)`: the item lacks the attribute (on a key attribute: the item does not exist). */
  notExists(attribute: AttributeRef): Condition;
  /** `attribute_type(attribute, type)`: the stored value has this DynamoDB type (`S`, `N`, `M`, ...). */
  isType(attribute: AttributeRef, type: DynamoDBType): Condition;
  /** `size(attr)`, to compare: `op.gt(op.size(e.tags), 2)`. */
  size<R extends AttributeRef>(attribute: SizedRef<R>): AttributeRef<number, 'size', `size(${RefPath<R>})`>;
  /** All of the conditions hold; needs at least one (an empty `and()` would be no condition at all). */
  and(...conditions: readonly [Condition, ...Condition[]]): Condition;
  /** At least one of the conditions holds; needs at least one. */
  or(...conditions: readonly [Condition, ...Condition[]]): Condition;
  /** The condition does not hold. */
  not(condition: Condition): Condition;
}

/**
 * A condition `op` made. A condition is accepted only when it is one of these: an object that
 * merely looks like one (a `kind`, an `operator` field) is refused, never compiled as written
 * and never dropped. The node sits in a private field, which only this constructor can
 * install: copying properties, symbols or the prototype onto another object forges nothing.
 */
class MadeCondition {
  readonly #node: ConditionNode;
  constructor(node: ConditionNode) {
    this.#node = node;
  }
  static nodeOf(value: unknown): ConditionNode | undefined {
    return typeof value === 'object' && value !== null && #node in value ? (value as MadeCondition).#node : undefined;
  }
}

function made(node: ConditionNode): Condition {
  return new MadeCondition(node) as unknown as Condition;
}

/** The node behind a condition `op` made, or `undefined` for anything else. */
export function conditionNodeOf(value: unknown): ConditionNode | undefined {
  return MadeCondition.nodeOf(value);
}

const sizeAttribute: AttributePlan = Object.freeze({
  name: 'size',
  path: 'size()',
  field: '',
  fieldBytes: 0,
  kind: 'number',
  required: false,
  readOnly: false,
  hidden: false,
  defaultValue: undefined,
  hasDefault: false,
  isPrimaryKeyComposite: false,
  isKeyComposite: false,
});

function asRef(value: unknown, operator: string): RefData {
  return refDataOf(value, `op.${operator}()`);
}

function subject(ref: RefData): OperandNode {
  return { kind: ref.isSize ? 'size' : 'path', path: ref.path };
}

function valueOperand(ref: RefData, value: unknown, plan: AttributePlan = ref.isSize ? sizeAttribute : ref.attribute): OperandNode {
  return { kind: 'value', value: marshalValue(ref.entityName, plan, value, { bytes: 0 }) };
}

function compare(operator: ComparisonOperator, name: string) {
  return (attribute: unknown, value: unknown): Condition => {
    const ref = asRef(attribute, name);
    return made({ kind: 'compare', operator, left: subject(ref), right: valueOperand(ref, value) });
  };
}

/** A string version of an attribute's plan, for `begins_with` prefixes; one per attribute. */
const prefixPlans = new WeakMap<AttributePlan, AttributePlan>();
function prefixPlan(attribute: AttributePlan): AttributePlan {
  let plan = prefixPlans.get(attribute);
  if (plan === undefined) prefixPlans.set(attribute, (plan = Object.freeze({ ...attribute, kind: 'string' as const })));
  return plan;
}

function elementPlan(ref: RefData): AttributePlan {
  const attribute = ref.attribute;
  if (attribute.kind === 'list' && attribute.listItem) return attribute.listItem;
  if (attribute.kind === 'set') {
    return { ...attribute, kind: attribute.setMember === 'number' ? 'number' : 'string', path: `${attribute.path}[]` };
  }
  if (attribute.kind === 'string') return attribute;
  return { ...sizeAttribute, kind: 'any', path: attribute.path };
}

function asCondition(value: unknown, operator: string): ConditionNode {
  const node = conditionNodeOf(value);
  if (node === undefined) throw invalidValueError(`op.${operator}() takes conditions made with op, got ${describeValue(value)}`);
  return node;
}

function combine(kind: 'and' | 'or', conditions: readonly unknown[]): Condition {
  if (conditions.length === 0) throw invalidValueError(`op.${kind}() needs at least one condition`);
  return made({ kind, conditions: conditions.map((c) => asCondition(c, kind)) });
}

const DYNAMODB_TYPES = new Set<string>(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);

/** The `op` in `(t, op) => ...`: stateless, so one instance serves every condition. */
export const conditionOperators: ConditionOperators = Object.freeze({
  eq: compare('=', 'eq'),
  ne: compare('<>', 'ne'),
  lt: compare('<', 'lt'),
  lte: compare('<=', 'lte'),
  gt: compare('>', 'gt'),
  gte: compare('>=', 'gte'),
  between(attribute: unknown, low: unknown, high: unknown): Condition {
    const ref = asRef(attribute, 'between');
    return made({ kind: 'between', subject: subject(ref), low: valueOperand(ref, low), high: valueOperand(ref, high) });
  },
  in(attribute: unknown, values: readonly unknown[]): Condition {
    const ref = asRef(attribute, 'in');
    if (!Array.isArray(values) || values.length === 0) throw invalidValueError('in() takes a non-empty array of values');
    if (values.length > 100) throw invalidValueError(tooManyInOperandsMessage(values.length));
    return made({ kind: 'in', subject: subject(ref), values: values.map((value) => valueOperand(ref, value)) });
  },
  beginsWith(attribute: unknown, prefix: string): Condition {
    const ref = asRef(attribute, 'beginsWith');
    if (typeof prefix !== 'string') throw invalidValueError(`beginsWith() on ${ref.attribute.path} takes a string prefix`);
    return made({ kind: 'function', name: 'begins_with', args: [subject(ref), valueOperand(ref, prefix, prefixPlan(ref.attribute))] });
  },
  contains(attribute: unknown, element: unknown): Condition {
    const ref = asRef(attribute, 'contains');
    return made({ kind: 'function', name: 'contains', args: [subject(ref), valueOperand(ref, element, elementPlan(ref))] });
  },
  exists(attribute: unknown): Condition {
    return made({ kind: 'function', name: 'attribute_exists', args: [subject(asRef(attribute, 'exists'))] });
  },
  notExists(attribute: unknown): Condition {
    return made({ kind: 'function', name: 'attribute_not_exists', args: [subject(asRef(attribute, 'notExists'))] });
  },
  isType(attribute: unknown, type: DynamoDBType): Condition {
    const ref = asRef(attribute, 'isType');
    if (!DYNAMODB_TYPES.has(type)) throw invalidValueError(`isType() takes one of ${[...DYNAMODB_TYPES].join(', ')}`);
    const typeValue: AttributeValue = { S: type };
    return made({ kind: 'function', name: 'attribute_type', args: [subject(ref), { kind: 'value', value: typeValue }] });
  },
  size(attribute: unknown) {
    const ref = asRef(attribute, 'size');
    return Object.freeze({ [REF]: { ...ref, isSize: true } }) as unknown as AttributeRef<number, 'size'>;
  },
  and: (...conditions: unknown[]): Condition => combine('and', conditions),
  or: (...conditions: unknown[]): Condition => combine('or', conditions),
  not: (condition: unknown): Condition => made({ kind: 'not', condition: asCondition(condition, 'not') }),
}) as unknown as ConditionOperators;

/**
 * Runs a user's condition function and checks that it gave back a condition `op` made. Anything
 * else is refused, naming the action: a write must never go out without the condition its
 * caller asked for.
 */
export function buildCondition(plan: EntityPlan, fn: unknown, where: string): ConditionNode {
  if (typeof fn !== 'function') throw invalidValueError(`${where} takes a condition function: (t, op) => op.eq(t.attribute, value)`);
  const result = (fn as (refs: unknown, op: ConditionOperators) => unknown)(attributeRefsOf(plan), conditionOperators);
  const node = conditionNodeOf(result);
  if (node === undefined) {
    throw invalidValueError(`${where} must return a condition made with op, such as op.eq(t.status, 'active'); it returned ${describeValue(result)}`);
  }
  return node;
}
