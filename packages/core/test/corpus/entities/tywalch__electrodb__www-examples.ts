/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * Files:
 *   - www/src/examples/upsert-store-location-add-subtract-append/entity.ts
 *   - www/src/examples/patch-complex-nested-set/entity.ts
 *   - www/src/examples/indexes-attributes-as-indexes-get/entity.ts
 *   - www/src/examples/item-counters-write-transaction/entities.ts
 *   - www/src/examples/indexes-scope-with-scope/entities.ts
 *   - www/src/examples/include-projection-gsi-basic-query/entity.ts
 *   - www/src/examples/indexes-multi-attribute-basic-query/entity.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

export default [
  {
    name: 'tywalch/electrodb:www/src/examples/upsert-store-location-add-subtract-append/entity.ts#StoreLocations',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/upsert-store-location-add-subtract-append/entity.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        service: "MallStoreDirectory",
        entity: "MallStore",
        version: "1",
      },
      attributes: {
        cityId: {
          type: "string",
          required: true,
        },
        mallId: {
          type: "string",
          required: true,
        },
        storeId: {
          type: "string",
          required: true,
        },
        buildingId: {
          type: "string",
          required: true,
        },
        unitId: {
          type: "string",
          required: true,
        },
        category: {
          type: [
            "spite store",
            "food/coffee",
            "food/meal",
            "clothing",
            "electronics",
            "department",
            "misc",
          ],
          required: true,
        },
        leaseEndDate: {
          type: "string",
          required: true,
        },
        rent: {
          type: "string",
          required: true,
          validate: /^(\d+\.\d{2})$/,
        },
        discount: {
          type: "string",
          required: false,
          default: "0.00",
          validate: /^(\d+\.\d{2})$/,
        },
        tenants: {
          type: "set",
          items: "string",
        },
        warnings: {
          type: "number",
          default: 0,
        },
        deposit: {
          type: "number",
        },
        petFee: {
          type: "number",
        },
        rentalAgreement: {
          type: "list",
          items: {
            type: "map",
            properties: {
              type: {
                type: "string",
              },
              detail: {
                type: "string",
              },
            },
          },
        },
        tags: {
          type: "set",
          items: "string",
        },
      },
      indexes: {
        stores: {
          pk: {
            field: "pk",
            composite: ["cityId", "mallId"],
          },
          sk: {
            field: "sk",
            composite: ["buildingId", "storeId"],
          },
        },
        units: {
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["mallId"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["buildingId", "unitId"],
          },
        },
        leases: {
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["storeId"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["leaseEndDate"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/patch-complex-nested-set/entity.ts#StoreLocations',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/patch-complex-nested-set/entity.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        service: "MallStoreDirectory",
        entity: "MallStore",
        version: "1",
      },
      attributes: {
        cityId: {
          type: "string",
          required: true,
        },
        mallId: {
          type: "string",
          required: true,
        },
        storeId: {
          type: "string",
          required: true,
        },
        buildingId: {
          type: "string",
          required: true,
        },
        listAttribute: {
          type: "list",
          items: {
            type: "map",
            properties: {
              setAttribute: {
                type: "set",
                items: "string",
              },
            },
          },
        },
      },
      indexes: {
        stores: {
          pk: {
            field: "pk",
            composite: ["cityId", "mallId"],
          },
          sk: {
            field: "sk",
            composite: ["buildingId", "storeId"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/indexes-attributes-as-indexes-get/entity.ts#myEntity',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/indexes-attributes-as-indexes-get/entity.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "your_entity_name",
        service: "your_service_name",
        version: "1",
      },
      attributes: {
        accountId: {
          type: "string", // only string types are both supported for this example
        },
        organizationId: {
          type: "string",
        },
        name: {
          type: "string",
        },
      },
      indexes: {
        your_access_pattern_name: {
          pk: {
            field: "accountId",
            composite: ["accountId"],
            template: "prefix_${accountId}_postfix",
          },
          sk: {
            field: "organizationId",
            composite: ["organizationId"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/item-counters-write-transaction/entities.ts#GlobalCounter',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/item-counters-write-transaction/entities.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "global-counter",
        service: "directory",
        version: "1",
      },
      attributes: {
        count: {
          type: "number",
        },
      },
      indexes: {
        count: {
          pk: {
            field: "pk",
            composite: [],
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
    name: 'tywalch/electrodb:www/src/examples/item-counters-write-transaction/entities.ts#OrganizationItemCounter',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/item-counters-write-transaction/entities.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "member-counter",
        service: "directory",
        version: "1",
      },
      attributes: {
        organizationId: {
          type: "string",
        },
        kind: {
          type: ["employee", "team"] as const,
        },
        count: {
          type: "number",
        },
      },
      indexes: {
        organization: {
          collection: "employed",
          pk: {
            field: "pk",
            composite: ["organizationId"],
          },
          sk: {
            field: "sk",
            composite: ["kind"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/indexes-scope-with-scope/entities.ts#organization',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/indexes-scope-with-scope/entities.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "organization",
        service: "taskapp",
        version: "1",
      },
      attributes: {
        organizationId: {
          type: "string",
        },
      },
      indexes: {
        myIndex: {
          scope: "org", // <--- Scope is set to unique value "org"
          pk: {
            field: "pk",
            composite: [],
          },
          sk: {
            field: "sk",
            composite: ["organizationId"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/indexes-scope-with-scope/entities.ts#user',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/indexes-scope-with-scope/entities.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "user",
        service: "taskapp",
        version: "1",
      },
      attributes: {
        userId: {
          type: "string",
        },
      },
      indexes: {
        myIndex: {
          scope: "user", // <--- Scope is set to unique value "user"
          pk: {
            field: "pk",
            composite: [],
          },
          sk: {
            field: "sk",
            composite: ["userId"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/include-projection-gsi-basic-query/entity.ts#tasks',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/include-projection-gsi-basic-query/entity.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // Index `projection` arrived in ElectroDB 3.6.0; 3.0.1 constructs this schema but ignores it.
    schema: {
      model: {
        entity: "tasks",
        version: "1",
        service: "taskapp",
      },
      attributes: {
        taskId: {
          type: "string",
        },
        projectId: {
          type: "string",
        },
        name: {
          type: "string",
        },
        description: {
          type: "string",
        },
        status: {
          type: ["open", "in-progress", "closed"] as const,
          default: "open",
        },
        priority: {
          type: "number",
        },
        createdAt: {
          type: "number",
          default: () => Date.now(),
        },
        updatedAt: {
          type: "number",
          watch: "*",
          set: () => Date.now(),
        },
      },
      indexes: {
        tasks: {
          pk: {
            field: "pk",
            composite: ["projectId"],
          },
          sk: {
            field: "sk",
            composite: ["taskId"],
          },
        },
        statusIndex: {
          index: "gsi1pk-gsi1sk-index",
          projection: ["name", "status", "createdAt"],
          pk: {
            field: "gsi1pk",
            composite: ["status"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["createdAt"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:www/src/examples/indexes-multi-attribute-basic-query/entity.ts#InventoryItem',
    source: { repo: 'tywalch/electrodb', path: 'www/src/examples/indexes-multi-attribute-basic-query/entity.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    minElectroDB: '3.7.0', // multi-attribute indexes (`type: "composite"`) arrived in 3.7.0
    schema: {
      model: {
        entity: "inventoryitem",
        version: "1",
        service: "warehouse",
      },
      attributes: {
        id: {
          type: "string",
          required: true,
        },
        country: {
          type: "string",
          field: "attr1",
          required: true,
        },
        region: {
          type: "string",
          field: "attr2",
          required: true,
        },
        city: {
          type: "string",
          field: "attr3",
          required: true,
        },
        manufacturer: {
          type: "string",
          field: "attr4",
        },
        model: {
          type: "string",
          field: "attr5",
        },
        count: {
          type: "number",
          field: "attr6",
        },
        name: {
          type: "string",
          field: "attr7",
        },
      },
      indexes: {
        // The main table index still uses traditional pk/sk fields
        record: {
          pk: {
            field: "pk",
            composite: ["manufacturer"],
          },
          sk: {
            field: "sk",
            composite: ["model", "id"],
          },
        },
        // A multi-attribute GSI — note: no 'field' on pk or sk
        location: {
          index: "gsi1",
          type: "composite",
          pk: {
            composite: ["country", "region", "city"],
          },
          sk: {
            composite: ["manufacturer", "model", "count"],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
