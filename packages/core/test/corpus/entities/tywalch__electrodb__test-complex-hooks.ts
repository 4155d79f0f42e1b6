/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * File:
 *   - test/ts_connected.complex.spec.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from this file, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Stand-in (written for this corpus) for the test's `EntityHelper`, which the schema's hooks report to.
// Every hook call is appended to `hookHistory`, so a test can see which hooks ElectroDB ran and in what
// order. Clear it with `hookHistory.length = 0`.
export const hookHistory: { trigger: 'setter' | 'getter' | 'validate'; values: unknown[] }[] = [];
const helper = {
  triggerSetter: (...values: unknown[]): void => void hookHistory.push({ trigger: 'setter', values }),
  triggerGetter: (...values: unknown[]): void => void hookHistory.push({ trigger: 'getter', values }),
  triggerValidate: (...values: unknown[]): void => void hookHistory.push({ trigger: 'validate', values }),
};

export default [
  {
    name: 'tywalch/electrodb:test/ts_connected.complex.spec.ts#getEntity',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.complex.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // Unused `value` parameters of constant validate callbacks are renamed `_value` (noUnusedParameters).
    schema: {
      model: {
        entity: "user",
        service: "versioncontrol",
        version: "1",
      },
      attributes: {
        emptyNestedMap: {
          default: {},
          type: "map",
          properties: {
            nestedMap: {
              default: {},
              type: "map",
              properties: {
                deeplyNestedMap: {
                  default: {},
                  type: "map",
                  properties: {
                    deeplyNestedString: {
                      type: "string",
                    },
                  },
                },
              },
            },
          },
        },
        stringVal: {
          type: "string",
          default: () => "abc",
          validate: (value) => {
            helper.triggerValidate(value);
            return true;
          },
          get: (value) => {
            helper.triggerGetter("stringVal", value);
            return value;
          },
          set: (value) => {
            helper.triggerSetter("stringVal", value);
            return value;
          },
        },
        stringVal2: {
          type: "string",
          default: () => "abc",
          validate: (value) => {
            helper.triggerValidate(value);
            return true;
          },
          get: (value) => {
            helper.triggerGetter("stringVal2", value);
            return value;
          },
          set: (value) => {
            helper.triggerSetter("stringVal2", value);
            return value;
          },
        },
        enumVal: {
          type: ["abc", "def"] as const,
          validate: (_value: "abc" | "def") => true,
          default: () => "abc",
          get: (value: "abc" | "def") => {
            helper.triggerGetter("enumVal", value);
            return value;
          },
          set: (value?: "abc" | "def") => {
            helper.triggerSetter("enumVal", value);
            return value;
          },
        },
        numVal: {
          type: "number",
          validate: (value) => {
            helper.triggerValidate(value);
            return true;
          },
          default: () => 123,
          get: (value) => {
            helper.triggerGetter("numVal", value);
            return value;
          },
          set: (value) => {
            helper.triggerSetter("numVal", value);
            return value;
          },
        },
        boolValue: {
          type: "boolean",
          validate: (value) => {
            helper.triggerValidate(value);
            return true;
          },
          default: () => true,
          get: (value) => {
            helper.triggerGetter("boolValue", value);
            return value;
          },
          set: (value) => {
            helper.triggerSetter("boolValue", value);
            return value;
          },
        },
        stringSetAttribute: {
          type: "set",
          items: "string",
          validate: (value) => {
            helper.triggerValidate(value);
            return true;
          },
          get: (value) => {
            helper.triggerGetter("stringSetValue", "items", value);
            return value;
          },
          set: (value) => {
            helper.triggerSetter("stringSetValue", "items", value);
            return value;
          },
        },
        stringListValue: {
          type: "list",
          items: {
            type: "string",
            default: "def",
            validate: (value) => {
              helper.triggerValidate(value);
              return true;
            },
            get: (value) => {
              helper.triggerGetter("stringListValue", "items", value);
              return value;
            },
            set: (value) => {
              helper.triggerSetter("stringListValue", "items", value);
              return value;
            },
          },
          default: () => {
            return [];
          },
          validate: (_value: string[]) => true,
          get: (value: string[]) => {
            helper.triggerGetter("stringListValue", value);
            return value;
          },
          set: (value?: string[]) => {
            helper.triggerSetter("stringListValue", value);
            return value;
          },
        },
        numberListValue: {
          type: "list",
          items: {
            type: "number",
            validate: (value) => {
              helper.triggerValidate(value);
              return true;
            },
            default: 0,
            get: (value) => {
              helper.triggerGetter("numberListValue", value);
              return value;
            },
            set: (value) => {
              helper.triggerSetter(value);
              return value;
            },
          },
          default: [],
          validate: (_value: number[]) => true,
          get: (value: number[]) => {
            helper.triggerGetter("numberListValue", value);
            return value;
          },
          set: (value?: number[]) => {
            helper.triggerSetter("numberListValue", value);
            return value;
          },
        },
        mapListValue: {
          type: "list",
          items: {
            type: "map",
            properties: {
              stringVal: {
                type: "string",
                default: "def",
                validate: (value) => {
                  helper.triggerValidate(value);
                  return true;
                },
                get: (value) => {
                  helper.triggerGetter("stringVal", value);
                  return value;
                },
                set: (value) => {
                  helper.triggerSetter("stringVal", value);
                  return value;
                },
              },
              numVal: {
                type: "number",
                default: 5,
                validate: (value) => {
                  helper.triggerValidate(value);
                  return true;
                },
                get: (value) => {
                  helper.triggerGetter("numVal", value);
                  return value;
                },
                set: (value) => {
                  helper.triggerSetter("numVal", value);
                  return value;
                },
              },
              boolValue: {
                type: "boolean",
                default: false,
                validate: (value) => {
                  helper.triggerValidate(value);
                  return true;
                },
                get: (value) => {
                  helper.triggerGetter("boolValue", value);
                  return value;
                },
                set: (value) => {
                  helper.triggerSetter("boolValue", value);
                  return value;
                },
              },
              enumVal: {
                type: ["abc", "def"] as const,
                validate: (_value: "abc" | "def") => true,
                default: () => "abc",
                get: (value: "abc" | "def") => {
                  helper.triggerGetter("enumVal", value);
                  return value;
                },
                set: (value?: "abc" | "def") => {
                  helper.triggerSetter("enumVal", value);
                  return value;
                },
              },
            },
            validate: (value) => {
              helper.triggerValidate(value);
              return true;
            },
            default: {
              numVal: 123,
              boolValue: false,
            },
            get: (value) => {
              helper.triggerGetter("mapListValue", "map", value);
              return value;
            },
            set: (value) => {
              helper.triggerSetter("mapListValue", "map", value);
              return value;
            },
          },
          get: (value: any) => {
            helper.triggerGetter("mapListValue", value);
            return value;
          },
          set: (value: any) => {
            helper.triggerSetter("mapListValue", value);
            return value;
          },
        },
        mapValue: {
          type: "map",
          properties: {
            stringVal: {
              type: "string",
              default: () => "abc",
              validate: (value) => {
                helper.triggerValidate(value);
                return true;
              },
              get: (value) => {
                helper.triggerGetter("stringVal", value);
                return value;
              },
              set: (value) => {
                helper.triggerSetter("stringVal", value);
                return value;
              },
            },
            numVal: {
              type: "number",
              default: () => 10,
              validate: (value) => {
                helper.triggerValidate(value);
                return true;
              },
              get: (value) => {
                helper.triggerGetter("numVal", value);
                return value;
              },
              set: (value) => {
                helper.triggerSetter("numVal", value);
                return value;
              },
            },
            boolValue: {
              type: "boolean",
              default: () => false,
              validate: (value) => {
                helper.triggerValidate(value);
                return true;
              },
              get: (value) => {
                helper.triggerGetter("boolValue", value);
                return value;
              },
              set: (value) => {
                helper.triggerSetter("boolValue", value);
                return value;
              },
            },
            enumVal: {
              type: ["abc", "def"] as const,
              validate: (_value: "abc" | "def") => true,
              default: () => "abc",
              get: (value: "abc" | "def") => {
                helper.triggerGetter("enumVal", value);
                return value;
              },
              set: (value?: "abc" | "def") => {
                helper.triggerSetter("enumVal", value);
                return value;
              },
            },
            stringListValue: {
              type: "list",
              items: {
                type: "string",
                default: "abc",
                validate: (value) => {
                  helper.triggerValidate(value);
                  return true;
                },
                get: (value) => {
                  helper.triggerGetter("stringListValue", "string", value);
                  return value;
                },
                set: (value) => {
                  helper.triggerSetter("stringListValue", "string", value);
                  return value;
                },
              },
              default: ["xyz"],
              validate: (_value: string[]) => true,
              get: (value: string[]) => {
                helper.triggerGetter("stringListValue", value);
                return value;
              },
              set: (value?: string[]) => {
                helper.triggerSetter("stringListValue", value);
                return value;
              },
            },
            numberListValue: {
              type: "list",
              items: {
                type: "number",
                default: () => 100,
                validate: (value) => {
                  helper.triggerValidate(value);
                  return true;
                },
                get: (value) => {
                  helper.triggerGetter("numberListValue", "items", value);
                  return value;
                },
                set: (value) => {
                  helper.triggerSetter("numberListValue", "items", value);
                  return value;
                },
              },
              default: [123, 123],
              validate: (_value: number[]) => true,
              get: (value: number[]) => {
                helper.triggerGetter("mapValue", value);
                return value;
              },
              set: (value?: number[]) => {
                helper.triggerSetter("mapValue", value);
                return value;
              },
            },
            mapListValue: {
              type: "list",
              items: {
                type: "map",
                properties: {
                  stringVal: {
                    type: "string",
                    default: "def",
                    validate: (value) => {
                      helper.triggerValidate(value);
                      return true;
                    },
                    get: (value) => {
                      helper.triggerGetter("stringVal", value);
                      return value;
                    },
                    set: (value) => {
                      helper.triggerSetter("stringVal", value);
                      return value;
                    },
                  },
                  numVal: {
                    type: "number",
                    default: 100,
                    validate: (value) => {
                      helper.triggerValidate(value);
                      return true;
                    },
                    get: (value) => {
                      helper.triggerGetter("numVal", value);
                      return value;
                    },
                    set: (value) => {
                      helper.triggerSetter("numVal", value);
                      return value;
                    },
                  },
                  boolValue: {
                    type: "boolean",
                    default: () => false,
                    validate: (value) => {
                      helper.triggerValidate(value);
                      return true;
                    },
                    get: (value) => {
                      helper.triggerGetter("boolValue", value);
                      return value;
                    },
                    set: (value) => {
                      helper.triggerSetter("boolValue", value);
                      return value;
                    },
                  },
                  enumVal: {
                    type: ["abc", "def"] as const,
                    validate: (_value: "abc" | "def") => true,
                    default: () => "abc",
                    get: (value: "abc" | "def") => {
                      helper.triggerGetter("enumVal", value);
                      return value;
                    },
                    set: (value?: "abc" | "def") => {
                      helper.triggerSetter("enumVal", value);
                      return value;
                    },
                  },
                },
                default: {},
                validate: (value) => {
                  helper.triggerValidate(value);
                  return true;
                },
                get: (value) => {
                  helper.triggerGetter("map", "mapListValue", "map", value);
                  return value;
                },
                set: (value) => {
                  helper.triggerSetter("map", "mapListValue", "map", value);
                  return value;
                },
              },
              default: [{ stringVal: "xyz" }, {}],
              validate: (_value: Record<string, any>[]) => true,
              get: (value: Record<string, any>[]) => {
                helper.triggerGetter("map", "mapListValue", value);
                return value;
              },
              set: (value?: Record<string, any>[]) => {
                helper.triggerSetter("map", "mapListValue", value);
                return value;
              },
            },
          },
          default: {},
          validate: (value) => {
            helper.triggerValidate(value);
            return true;
          },
          get: (value) => {
            helper.triggerGetter("map", value);
            return value;
          },
          set: (value) => {
            helper.triggerSetter("map", value);
            return value;
          },
        },
      },
      indexes: {
        user: {
          collection: "overview",
          pk: {
            composite: ["stringVal"],
            field: "pk",
          },
          sk: {
            composite: ["stringVal2"],
            field: "sk",
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
