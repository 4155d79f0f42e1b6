// @ts-check
/**
 * A TypeScript language-service plugin that shows a dynatx transaction in an editor hover as
 * what it is, not as the type that carries it:
 *
 *     const t: WriteTransaction<3 actions: Event{eventId:a1,tenant:acme}, Counter{tenant:acme}, Tenant{tenant:acme}>
 *     const result: Committed | Cancelled<Event | Counter | Tenant>
 *
 * A transaction's type has to carry the entities of its actions (for the typed outcome) and
 * the ids of its items (for the item-twice rule), and TypeScript prints every type argument of
 * a type in full: no type can print as a short summary and still carry them. So the summary is
 * made here, from those type arguments, for quick info only; the types and every compiler
 * message are unchanged.
 *
 * Enable it in tsconfig.json (the editor must use the workspace's TypeScript):
 *     { "compilerOptions": { "plugins": [{ "name": "@dynatx/core/ts-plugin" }] } }
 *
 * CommonJS on purpose: tsserver loads plugins with require().
 */

/** How many item ids a summary lists before `… N more`. */
const LISTED_ITEMS = 4;

/** @param {{ typescript: typeof import('typescript') }} modules */
function init(modules) {
  const ts = modules.typescript;

  /** @param {import('typescript').server.PluginCreateInfo} info */
  function create(info) {
    const service = info.languageService;
    /** @type {import('typescript').LanguageService} */
    const proxy = Object.create(null);
    for (const key of /** @type {(keyof import('typescript').LanguageService)[]} */ (Object.keys(service))) {
      const member = service[key];
      // @ts-expect-error: every member of the language service, forwarded as it is.
      proxy[key] = typeof member === 'function' ? member.bind(service) : member;
    }
    proxy.getQuickInfoAtPosition = (fileName, position, ...rest) => {
      const quickInfo = service.getQuickInfoAtPosition(fileName, position, ...rest);
      if (quickInfo === undefined) return quickInfo;
      try {
        return summarizeQuickInfo(ts, service, fileName, position, quickInfo) ?? quickInfo;
      } catch {
        return quickInfo; // a hover is never worth an error
      }
    };
    return proxy;
  }

  return { create };
}

/**
 * The quick info with its type replaced by a summary, or undefined when the hovered name's
 * type is not one dynatx summarizes.
 * @param {typeof import('typescript')} ts
 * @param {import('typescript').LanguageService} service
 * @param {string} fileName
 * @param {number} position
 * @param {import('typescript').QuickInfo} quickInfo
 */
function summarizeQuickInfo(ts, service, fileName, position, quickInfo) {
  const program = service.getProgram();
  const source = program?.getSourceFile(fileName);
  if (program === undefined || source === undefined) return undefined;
  const checker = program.getTypeChecker();
  const node = tokenAt(ts, source, position);
  if (node === undefined || !ts.isIdentifier(node)) return undefined;
  const summary = summarize(ts, checker, checker.getTypeAtLocation(node));
  if (summary === undefined) return undefined;
  // `const t: <type>`: keep what comes before the first `:` after the name, replace the type.
  const parts = quickInfo.displayParts ?? [];
  const nameAt = parts.findIndex((p) => p.text === node.text);
  const colonAt = parts.findIndex((p, i) => i > nameAt && p.kind === 'punctuation' && p.text === ':');
  if (nameAt === -1 || colonAt === -1) return undefined;
  return {
    ...quickInfo,
    displayParts: [...parts.slice(0, colonAt + 1), { text: ' ', kind: 'space' }, { text: summary, kind: 'text' }],
  };
}

/**
 * @param {typeof import('typescript')} ts
 * @param {import('typescript').SourceFile} source
 * @param {number} position
 * @returns {import('typescript').Node | undefined}
 */
function tokenAt(ts, source, position) {
  /** @param {import('typescript').Node} node @returns {import('typescript').Node | undefined} */
  const find = (node) => {
    if (position < node.getStart(source) || position >= node.getEnd()) return undefined;
    return ts.forEachChild(node, find) ?? node;
  };
  return find(source);
}

/**
 * `WriteTransaction<3 actions: ...>`, `GetTransaction<2 gets: ...>`, `Committed | Cancelled<...>`,
 * or undefined for any other type.
 * @param {typeof import('typescript')} ts
 * @param {import('typescript').TypeChecker} checker
 * @param {import('typescript').Type} type
 * @returns {string | undefined}
 */
function summarize(ts, checker, type) {
  const promised = referenceTo(ts, type, 'Promise');
  if (promised !== undefined) {
    const [value] = checker.getTypeArguments(promised);
    const inner = value === undefined ? undefined : summarize(ts, checker, value);
    return inner === undefined ? undefined : `Promise<${inner}>`;
  }
  const write = dynatxReference(ts, type, 'WriteTransaction');
  if (write !== undefined) {
    const [count, items, actions] = checker.getTypeArguments(write);
    if (count === undefined || items === undefined || actions === undefined) return undefined;
    // The count is `'3 actions'` (the empty one says more), or `string` for a dynamic transaction.
    const n = count.isStringLiteral() ? Number(/^(\d+) action/.exec(count.value)?.[1]) : NaN;
    if (Number.isNaN(n)) return `DynamicWriteTransaction<${entityNames(ts, checker, actions).join(' | ') || 'any entity'}>`;
    return `WriteTransaction<${n} action${n === 1 ? '' : 's'}${itemList(items, n)}>`;
  }
  const read = dynatxReference(ts, type, 'GetTransaction');
  if (read !== undefined) {
    const [count, , , seen] = checker.getTypeArguments(read);
    if (count === undefined || seen === undefined) return undefined;
    if (!count.isNumberLiteral()) return 'GetTransaction<gets known at run time>';
    return `GetTransaction<${count.value} get${count.value === 1 ? '' : 's'}${itemList(seen, count.value)}>`;
  }
  // An outcome: `TransactionResult<Actions>` is `Committed | Cancelled<Actions>`.
  const members = type.isUnion() ? type.types : [type];
  const cancelled = members.map((t) => dynatxReference(ts, t, 'Cancelled')).find((t) => t !== undefined);
  const committed = members.some((t) => t.getSymbol()?.getName() === 'Committed' && isDynatx(t.getSymbol()));
  if (cancelled === undefined) return undefined;
  const [actions] = checker.getTypeArguments(cancelled);
  const names = actions === undefined ? [] : entityNames(ts, checker, actions);
  return `${committed ? 'Committed | ' : ''}Cancelled<${names.join(' | ') || 'any entity'}>`;
}

/**
 * `: Event{eventId:a1,tenant:acme}, Counter{tenant:acme}, … 27 more`: the items whose keys
 * are known at compile time (in the order TypeScript keeps them), from their ids.
 * @param {import('typescript').Type} items
 * @param {number} count
 */
function itemList(items, count) {
  const ids = (items.isUnion() ? items.types : [items]).flatMap((t) => (t.isStringLiteral() ? [parseId(t.value)] : []));
  if (ids.length === 0) return '';
  // An entity name that two services share is written with its service.
  /** @type {Map<string, Set<string>>} */
  const services = new Map();
  for (const id of ids) services.set(id.entity, (services.get(id.entity) ?? new Set()).add(id.service));
  const text = (/** @type {ReturnType<typeof parseId>} */ id) =>
    `${(services.get(id.entity)?.size ?? 1) > 1 ? `${id.service}/` : ''}${id.entity}${id.key}`;
  const listed = ids.slice(0, LISTED_ITEMS).map(text);
  const more = count - listed.length;
  return `: ${listed.join(', ')}${more > 0 ? `, … ${more} more` : ''}`;
}

/**
 * `audit/Counter@1{tenant:acme}` -> service `audit`, entity `Counter`, key `{tenant:acme}`.
 * @param {string} id
 */
function parseId(id) {
  const match = /^([^/]*)\/([^@]*)@[^{]*(\{.*\})$/.exec(id);
  return match === null ? { service: '', entity: id, key: '' } : { service: match[1] ?? '', entity: match[2] ?? '', key: match[3] ?? '' };
}

/**
 * The entity names of an `Actions` union of `ActionInfo<E, Label>`; a name that two services
 * share is written with its service (`shop/customer`).
 * @param {typeof import('typescript')} ts
 * @param {import('typescript').TypeChecker} checker
 * @param {import('typescript').Type} actions
 */
function entityNames(ts, checker, actions) {
  /** @type {Map<string, Set<string>>} */
  const services = new Map();
  for (const action of actions.isUnion() ? actions.types : [actions]) {
    const info = dynatxReference(ts, action, 'ActionInfo');
    const [entity] = info === undefined ? [] : checker.getTypeArguments(info);
    if (entity === undefined) continue;
    const name = literalAt(checker, entity, ['schema', 'model', 'entity']);
    if (name === undefined) continue;
    const service = literalAt(checker, entity, ['schema', 'model', 'service']) ?? '?';
    services.set(name, (services.get(name) ?? new Set()).add(service));
  }
  return [...services].flatMap(([name, of]) => (of.size === 1 ? [name] : [...of].map((service) => `${service}/${name}`)));
}

/**
 * The string literal at a property path of a type, e.g. an entity's `schema.model.entity`.
 * @param {import('typescript').TypeChecker} checker
 * @param {import('typescript').Type} type
 * @param {string[]} path
 */
function literalAt(checker, type, path) {
  let current = type;
  for (const name of path) {
    const property = current.getProperty(name);
    if (property === undefined) return undefined;
    current = checker.getTypeOfSymbol(property);
  }
  return current.isStringLiteral() ? current.value : undefined;
}

/**
 * The type as a reference to the dynatx interface of that name, if it is one.
 * @param {typeof import('typescript')} ts
 * @param {import('typescript').Type} type
 * @param {string} name
 * @returns {import('typescript').TypeReference | undefined}
 */
function dynatxReference(ts, type, name) {
  const reference = referenceTo(ts, type, name);
  return reference !== undefined && isDynatx(reference.target.getSymbol()) ? reference : undefined;
}

/**
 * @param {typeof import('typescript')} ts
 * @param {import('typescript').Type} type
 * @param {string} name
 * @returns {import('typescript').TypeReference | undefined}
 */
function referenceTo(ts, type, name) {
  if (!(type.flags & ts.TypeFlags.Object) || !(/** @type {import('typescript').ObjectType} */ (type).objectFlags & ts.ObjectFlags.Reference)) return undefined;
  const reference = /** @type {import('typescript').TypeReference} */ (type);
  return reference.target.getSymbol()?.getName() === name ? reference : undefined;
}

/**
 * Whether a symbol is declared by @dynatx/core (its .d.ts, or its sources in this repository).
 * @param {import('typescript').Symbol | undefined} symbol
 */
function isDynatx(symbol) {
  const file = symbol?.getDeclarations()?.[0]?.getSourceFile().fileName.replace(/\\/g, '/') ?? '';
  return /\/(?:@dynatx\/core|packages\/core)\/(?:dist|src)\//.test(file);
}

module.exports = init;
