export interface CorpusSource {
  readonly repo: string;
  readonly path: string;
  readonly commit?: string;
}

export interface CorpusEntry {
  /** unique, e.g. 'tywalch/electrodb:examples/taskManager/models/employee.ts#Employee' */
  readonly name: string;
  readonly source: CorpusSource;
  /** The ElectroDB schema object exactly as the source defines it (functions included). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly schema: any;
  /** Lowest ElectroDB version this schema constructs on, when not 3.0.1. */
  readonly minElectroDB?: string;
}

/**
 * The shape entity files are checked against (`satisfies CorpusEntryDefinition[]`). A contextual type of
 * `any` does not spare a hook's untyped parameters from noImplicitAny, so while authoring, `schema` is
 * typed structurally: every function in it is contextually `(...args: any[]) => any`, which lets the
 * sources' hooks (`set: (_, { price }) => ...`) compile unchanged. Consumers see `CorpusEntry`.
 */
export interface CorpusEntryDefinition extends CorpusEntry {
  readonly schema: SchemaObject;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaHook = (...args: any[]) => any;
export type SchemaValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | RegExp
  | SchemaHook
  | readonly SchemaValue[]
  | SchemaObject
  // other objects, e.g. the branded value ElectroDB's CustomAttributeType<T>('any') returns
  | object;
export interface SchemaObject {
  readonly [key: string]: SchemaValue;
}
