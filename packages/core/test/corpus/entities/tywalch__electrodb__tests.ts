/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * Files:
 *   - test/ts_connected.entity.spec.ts
 *   - test/ts_connected.crud.spec.ts
 *   - test/ts_connected.where.spec.ts
 *   - test/ts_connected.service.spec.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import { randomUUID } from 'node:crypto';
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Stand-in for `v4 as uuid` from the `uuid` package (written for this corpus).
const uuid = (): string => randomUUID();

// Stand-in for `moment().format("YYYY-MM-DD")` from the `moment` package (written for this corpus).
const moment = () => ({ format: (_pattern: string): string => new Date().toISOString().slice(0, 10) });

// The "conversions" test names its model with `uuid()` (entity) and a uuid `serviceName`, fresh on each
// run; fixed uuid-shaped values are used here so generated keys are reproducible.
const conversionsEntityName = '0b6f5a3e-6c1d-4a43-9a8e-1f2d3c4b5a69';
const conversionsServiceName = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

// Likewise for the reverse-index/padding test's `createThing` (entityName / serviceName are uuids there);
// the test runs with and without templates, the corpus keeps the `useTemplate = true` variant.
const thingEntityName = '3f2b8c1a-9d4e-4f6a-8b7c-2e1d0a9f8b7c';
const thingServiceName = 'a1b2c3d4-e5f6-4789-8abc-def012345678';
const useTemplate = true;

// The "attribute padding" test also names its entity with `uuid()`; getPaddingEntities() takes the
// service name as a parameter (a uuid in the tests). Fixed values again.
const paddingEntityName = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const paddingServiceName = 'c0ffee00-1234-4abc-9def-0123456789ab';

export default [
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#conversions',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: conversionsEntityName,
        version: "1",
        service: conversionsServiceName,
      },
      attributes: {
        organizationId: {
          type: "string",
        },
        accountId: {
          type: "string",
        },
        name: {
          type: "string",
        },
        description: {
          type: "string",
        },
        city: {
          type: "string",
        },
        county: {
          type: "string",
        },
        state: {
          type: "string",
        },
        count: {
          type: "number",
        },
        kind: {
          type: "string",
        },
      },
      indexes: {
        defaultKeyStructure: {
          collection: "defaultKeyCollection",
          pk: {
            field: "pk",
            composite: ["organizationId", "state"],
          },
          sk: {
            field: "sk",
            composite: ["accountId", "name"],
          },
        },
        customKeyStructure: {
          collection: "customKeyCollection",
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["name"],
            template: "location#${name}",
          },
          sk: {
            field: "gsi1sk",
            composite: ["state", "county", "city"],
            template: "state#${state}#county#${county}#city#${city}e1",
          },
        },
        pkOnlyDefaultKeyStructure: {
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["organizationId", "state"],
          },
        },
        pkOnlyCustomKeyStructure: {
          index: "gsi3pk-gsi3sk-index",
          pk: {
            field: "gsi3pk",
            composite: ["name"],
            template: "location#${name}",
          },
        },
        attributeRefKeyStructure: {
          collection: "attributeRefKeyStructureCollection",
          index: "gsi4pk-gsi4sk-index",
          pk: {
            field: "gsi4pk",
            composite: ["kind"],
            template: "${kind}",
          },
          sk: {
            field: "gsi4sk",
            composite: ["count"],
            template: "${count}",
          },
        },
    
        defaultKeyStructureClustered: {
          type: "clustered",
          index: "gsi5pk-gsi5sk-index",
          collection: "defaultKeyClusteredCollection",
          pk: {
            field: "gsi5pk",
            composite: ["organizationId", "state"],
          },
          sk: {
            field: "gsi5sk",
            composite: ["accountId", "name"],
          },
        },
        customKeyStructureClustered: {
          type: "clustered",
          collection: "customKeyClusteredCollection",
          index: "gsi6pk-gsi6sk-index",
          pk: {
            field: "gsi6pk",
            composite: ["name"],
            template: "location#${name}",
          },
          sk: {
            field: "gsi6sk",
            composite: ["state", "county", "city"],
            template: "state#${state}#county#${county}#city#${city}e1",
          },
        },
        attributeRefKeyStructureClustered: {
          type: "clustered",
          collection: "attributeRefKeyStructureClusteredCollectionClustered",
          index: "gsi9pk-gsi9sk-index",
          pk: {
            field: "gsi9pk",
            composite: ["kind"],
            template: "${kind}",
          },
          sk: {
            field: "gsi9sk",
            composite: ["count"],
            template: "${count}",
          },
        },
    
        defaultKeyStructureClusteredCaseless: {
          type: "clustered",
          index: "gsi10pk-gsi10sk-index",
          collection: "defaultKeyClusteredCaselessCollection",
          pk: {
            field: "gsi10pk",
            composite: ["organizationId", "state"],
            casing: "none",
          },
          sk: {
            field: "gsi10sk",
            composite: ["accountId", "name"],
            casing: "none",
          },
        },
        customKeyStructureClusteredCaseless: {
          type: "clustered",
          collection: "customKeyClusteredCaselessCollection",
          index: "gsi11pk-gsi11sk-index",
          pk: {
            field: "gsi11pk",
            composite: ["name"],
            template: "location#${name}",
            casing: "none",
          },
          sk: {
            field: "gsi11sk",
            composite: ["state", "county", "city"],
            casing: "none",
            template: "state#${state}#county#${county}#city#${city}e1",
          },
        },
        pkOnlyDefaultKeyStructureClusteredCaseless: {
          index: "gsi12pk-gsi12sk-index",
          pk: {
            field: "gsi12pk",
            casing: "none",
            composite: ["organizationId", "state"],
          },
        },
        pkOnlyCustomKeyStructureClusteredCaseless: {
          index: "gsi13pk-gsi13sk-index",
          pk: {
            field: "gsi13pk",
            casing: "none",
            composite: ["name"],
            template: "location#${name}",
          },
        },
        attributeRefKeyStructureClusteredCaseless: {
          type: "clustered",
          collection: "attributeRefKeyStructureClusteredCollection",
          index: "gsi14pk-gsi14sk-index",
          pk: {
            field: "gsi14pk",
            casing: "none",
            composite: ["kind"],
            template: "${kind}",
          },
          sk: {
            field: "gsi14sk",
            casing: "none",
            composite: ["count"],
            template: "${count}",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#ProductSchema',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "Product",
        version: "1",
        service: "aa",
      },
      attributes: {
        name: {
          type: "string",
        },
        enabled: {
          type: "boolean",
        },
      },
      indexes: {
        primary: {
          pk: {
            field: "pk",
            casing: "none",
            template: "#PRODUCTS",
            composite: [],
          },
          sk: {
            field: "sk",
            casing: "none",
            template: "#PRODUCTS",
            composite: [],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#booleanHighScore',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "BooleanHighScore",
        version: "1",
        service: "Leaderboard",
      },
      attributes: {
        gamerTag: {
          type: "string",
        },
        score: {
          type: "boolean",
        },
      },
      indexes: {
        castToNumber: {
          pk: {
            field: "pk",
            cast: "string",
            composite: ["gamerTag"],
          },
          sk: {
            field: "sk",
            cast: "number",
            composite: ["score"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#stringHighScore',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "stringHighScore",
        version: "1",
        service: "Leaderboard",
      },
      attributes: {
        gamerTag: {
          type: "string",
        },
        score: {
          type: "string",
        },
      },
      indexes: {
        castToNumber: {
          pk: {
            field: "pk",
            cast: "string",
            composite: ["gamerTag"],
          },
          sk: {
            field: "sk",
            cast: "number",
            composite: ["score"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#fieldRefEntity',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
          entity: 'fieldRefEntity',
          version: '1',
          service: "test",
      },
      attributes: {
          pk: {
              type: 'number',
          },
          sk: {
              type: 'number',
          },
      },
      indexes: {
          edocs: {
              pk: {
                  field: 'pk',
                  composite: ['pk'],
              },
              sk: {
                  field: 'sk',
                  composite: ['sk'],
              },
          }
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#entry',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // Model reproduced in the test from GitHub issue 366 (sparse indexes via `condition`).
    schema: {
      model: {
        service: 'test',
        entity: 'test',
        version: '1'
      },
      attributes: {
        id: {
          type: 'string',
          required: true,
          readOnly: true
        },
        organizationId: {
          type: 'string',
          required: true,
          readOnly: true
        },
        accountId: {
          type: 'string'
        },
        createdAt: {
          type: 'string',
          readOnly: true,
          required: true,
          default: () => '2024-02-29',
          set: () => '2024-02-29'
        },
        updatedAt: {
          type: 'string',
          watch: '*',
          required: true,
          default: () => '2024-04-29',
          set: () => '2024-04-29'
        },
        settledAt: {
          type: 'string',
          default: 'n/a'
        },
        effectiveAt: {
          type: 'string',
          default: 'n/a'
        },
        type: {
          type: 'string',
          required: true
        },
        category: {
          type: 'string',
          required: true
        },
        amount: {
          type: 'string',
          required: true
        },
        description: {
          type: 'string'
        }
      },
      indexes: {
        entries: {
          pk: {
            field: 'pk',
            composite: ['organizationId']
          },
          sk: {
            field: 'sk',
            composite: ['id']
          }
        },
        entriesByAccount: {
          index: 'gsi1pk-gsi1sk-index',
          pk: {
            field: 'gsi1pk',
            composite: ['organizationId']
          },
          sk: {
            field: 'gsi1sk',
            composite: ['accountId', 'id']
          }
        },
        entriesBySettledDate: {
          index: 'gsi2pk-gsi2sk-index',
          condition: (attr) => attr.settledAt !== 'n/a',
          pk: {
            field: 'gsi2pk',
            composite: ['organizationId']
          },
          sk: {
            field: 'gsi2sk',
            composite: ['accountId', 'settledAt']
          }
        },
        entriesByEffectiveDate: {
          index: 'gsi3pk-gsi3sk-index',
          condition: (attr) => attr.effectiveAt !== 'n/a',
          pk: {
            field: 'gsi3pk',
            composite: ['organizationId']
          },
          sk: {
            field: 'gsi3sk',
            composite: ['accountId', 'effectiveAt']
          }
        }
      }
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.entity.spec.ts#createThing',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.entity.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    minElectroDB: '3.3.0', // a reverse index (pk field reused as sk field) with templated keys: 3.3.0
    // Built by a factory in the test (params e = entityName, s = serviceName); see the constants above.
    schema: {
      model: {
        entity: thingEntityName,
        service: thingServiceName,
        version: '1',
      },
      attributes: {
        thingId: {
          type: "string",
          required: true
        },
        locationId: {
          type: "string",
          required: true
        },
        groupNumber: {
          type: "number",
          padding: {
            length: 2,
            char: '0',
          },
        },
        count: {
          type: 'number'
        },
        color: {
          type: ['green', 'yellow', 'blue'] as const,
        }
      },
      indexes: {
        sectors: {
          pk: {
            field: "pk",
            composite: ["locationId", "groupNumber"],
            template: useTemplate ? `$${thingServiceName}#location_id\${locationId}#groupnumber_\${groupNumber}` : undefined,
          },
          sk: {
            field: "sk",
            composite: ["thingId"],
            template: useTemplate ? `${thingEntityName}_1#thing_id_\${thingId}` : undefined,
          }
        },
        things: {
          index: 'reverse-index',
          pk: {
            field: "sk",
            composite: ["thingId"],
            template: useTemplate ? `${thingEntityName}_1#thing_id_\${thingId}` : undefined,
          },
          sk: {
            field: "pk",
            composite: ["locationId", "groupNumber"],
            template: useTemplate ? `$${thingServiceName}#location_id\${locationId}#groupnumber_\${groupNumber}` : undefined,
          }
        },
      }
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.crud.spec.ts#entity(enum set)',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.crud.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // The `entity` of the "enum set" test (model.entity "includes_enum_set").
    schema: {
      model: {
        version: "1",
        service: "test_service",
        entity: "includes_enum_set",
      },
      attributes: {
        id: {
          type: "string",
        },
        tags: {
          type: "set",
          items: ["ART", "SCIENCE", "MUSIC", "HISTORY"] as const,
        },
        optional: {
          type: "string",
        },
      },
      indexes: {
        record: {
          pk: {
            field: "pk",
            composite: ["id"],
          },
          sk: {
            field: "sk",
            composite: [],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.crud.spec.ts#accounts',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.crud.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // The "Key fields that match Attribute fields" test entity (model.entity "accounts").
    schema: {
      model: {
        entity: "accounts",
        service: "registry",
        version: "1",
      },
      attributes: {
        accountId: {
          type: "string",
        },
        organizationId: {
          type: "string",
        },
        name: {
          type: "string",
        },
        type: {
          type: ["FREE", "PAID", "PLATINUM"] as const,
        },
        createdAt: {
          type: "string",
          default: () => moment().format("YYYY-MM-DD"),
        },
        projectId: {
          type: "string",
        },
        incrementId: {
          type: "number",
          watch: "*",
          default: 0,
        },
      },
      indexes: {
        organization: {
          pk: {
            field: "organizationId",
            // field: "pk",
            composite: ["organizationId"],
            template: "Prefix_${organizationId}_postfiX",
            // template: "${organizationId}",
            casing: "none",
          },
          sk: {
            field: "accountId",
            // field: "sk",
            casing: "upper",
            template: "Prefix_${accountId}_postfiX",
            // template: "${accountId}",
            composite: ["accountId"],
          },
        },
        onboarded: {
          index: "idx1",
          pk: {
            field: "type",
            composite: ["type"],
            template: "TYPE$$${type}$$type",
          },
          sk: {
            field: "createdAt",
            template: "pre#${createdAt}#post",
            composite: ["createdAt"],
          },
        },
        project: {
          index: "idx2",
          pk: {
            field: "projectId",
            composite: ["projectId"],
          },
          sk: {
            field: "incrementId",
            composite: ["incrementId"],
            casing: "upper",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.where.spec.ts#WhereTests',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.where.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        service: "tests",
        entity: "filters",
        version: "1",
      },
      attributes: {
        pen: {
          type: "string",
          default: () => uuid(),
          field: "p",
        },
        row: {
          type: "string",
          required: true,
          field: "r",
        },
        animal: {
          type: "string",
          required: true,
          field: "a",
        },
        dangerous: {
          type: "boolean",
          field: "d",
        },
        complex: {
          type: "any",
          field: "c",
        },
        tags: {
          type: "set",
          items: "string",
        },
        codes: {
          type: "set",
          items: "number",
        },
      },
      filters: {},
      indexes: {
        farm: {
          pk: {
            field: "pk",
            composite: ["pen"],
          },
          sk: {
            field: "sk",
            composite: ["row"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.crud.spec.ts#entity(attribute padding)',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.crud.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // The `entity` of the "attribute padding" test.
    schema: {
      model: {
        entity: paddingEntityName,
        service: "padding",
        version: "0",
      },
      attributes: {
        prop1: {
          type: "number",
          padding: {
            length: 5,
            char: "0",
          },
        },
        prop2: {
          type: "string",
        },
        prop3: {
          type: "string",
        },
        prop4: {
          type: "number",
          padding: {
            length: 5,
            char: "0",
          },
        },
      },
      indexes: {
        record: {
          pk: {
            field: "pk",
            composite: ["prop1"],
          },
          sk: {
            field: "sk",
            composite: ["prop2"],
          },
        },
        second: {
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["prop3"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["prop4"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:test/ts_connected.service.spec.ts#baseEntity',
    source: { repo: 'tywalch/electrodb', path: 'test/ts_connected.service.spec.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // Built inside getPaddingEntities({ client, serviceName, table }); see paddingServiceName above.
    schema: {
      model: {
        service: paddingServiceName,
        entity: "baseentity",
        version: "1",
      },
      attributes: {
        padded: {
          type: "string",
          padding: {
            char: "0",
            length: 5,
          },
        },
        padded2: {
          type: "string",
          padding: {
            char: "#",
            length: 10,
          },
        },
        notPadded: {
          type: "string",
        },
      },
      indexes: {
        pkOnly: {
          collection: "sharedPKOnly",
          pk: {
            field: "pk",
            composite: ["padded"],
          },
          sk: {
            field: "sk",
            composite: ["notPadded"],
          },
        },
        skOnly: {
          index: "gsi1",
          collection: "sharedSKOnly",
          pk: {
            field: "gsi1pk",
            composite: ["notPadded"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["padded"],
          },
        },
        both: {
          index: "gsi2",
          collection: "sharedBoth",
          pk: {
            field: "gsi2pk",
            composite: ["padded"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["padded2"],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
