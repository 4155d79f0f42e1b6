/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * Files:
 *   - www/src/pages/en/recipes/calculated-attribute.mdx
 *   - www/src/pages/en/recipes/virtual-attribute.mdx
 *   - www/src/pages/en/recipes/opaque-types.mdx
 *   - www/src/pages/en/modeling/indexes.mdx
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import { CustomAttributeType } from 'electrodb';
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Opaque types the "opaque types" recipe declares with unique symbols; restated here as brands.
type EmployeeID = string & { readonly __opaque: 'EmployeeID' };
type Month = number & { readonly __opaque: 'Month' };

export default [
  {
    name: 'tywalch/electrodb:www/src/pages/en/recipes/calculated-attribute.mdx#products',
    source: { repo: 'tywalch/electrodb', path: 'www/src/pages/en/recipes/calculated-attribute.mdx', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // A bare schema object in the page (no variable); "products" is its model.entity.
    schema: {
      model: {
        entity: "products",
        service: "estimator",
        version: "1"
      },
      attributes: {
        product: {
          type: "string"
        },
        price: {
          type: "number",
                  required: true
        },
        fee: {
          type: "number",
                  watch: ["price"],
                  set: (_, {price}) => {
            return price * .2;
          }
        }
      },
      indexes: {
        pricing: {
          pk: {
            field: "pk",
                    composite: ["product"]
          },
          sk: {
            field: "sk",
                    composite: []
          }
        }
      }
    },
  },
  {
    name: 'tywalch/electrodb:www/src/pages/en/recipes/calculated-attribute.mdx#transaction',
    source: { repo: 'tywalch/electrodb', path: 'www/src/pages/en/recipes/calculated-attribute.mdx', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // A bare schema object in the page (no variable); "transaction" is its model.entity.
    schema: {
      model: {
        entity: "transaction",
        service: "bank",
        version: "1"
      },
      attributes: {
        accountNumber: {
          type: "string"
        },
        transactionId: {
          type: "string"
        },
        amount: {
          type: "number",
        },
        description: {
          type: "string",
        },
        descriptionSearch: {
          type: "string",
          hidden: true,
          watch: ["description"],
          set: (_, {description}) => {
            if (typeof description === "string") {
                return description.toLowerCase();
            }
          }
        }
      },
      indexes: {
        transactions: {
          pk: {
            field: "pk",
            composite: ["accountNumber"]
          },
          sk: {
            field: "sk",
            composite: ["transactionId"]
          }
        }
      }
    },
  },
  {
    name: 'tywalch/electrodb:www/src/pages/en/recipes/virtual-attribute.mdx#services',
    source: { repo: 'tywalch/electrodb', path: 'www/src/pages/en/recipes/virtual-attribute.mdx', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // A bare schema object in the page (no variable); "services" is its model.entity.
    schema: {
      model: {
        entity: "services",
        service: "costEstimator",
        version: "1"
      },
      attributes: {
        service: {
          type: "string"
        },
        price: {
          type: "number",
          required: true
        },
        displayPrice: {
          type: "string",
          watch: ["price"],
          get: (_, {price}) => {
            return "$" + price;
          },
          set: () => undefined
        }
      },
      indexes: {
        pricing: {
          pk: {
            field: "pk",
            composite: ["service"]
          },
          sk: {
            field: "sk",
            composite: []
          }
        }
      }
    },
  },
  {
    name: 'tywalch/electrodb:www/src/pages/en/recipes/opaque-types.mdx#person',
    source: { repo: 'tywalch/electrodb', path: 'www/src/pages/en/recipes/opaque-types.mdx', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "personnel",
        service: "workplace",
        version: "1",
      },
      attributes: {
        employeeId: {
          type: CustomAttributeType<EmployeeID>("string"),
        },
        firstName: {
          type: "string",
          required: true,
        },
        lastName: {
          type: "string",
          required: true,
        },
        ageInMonths: {
          type: CustomAttributeType<Month>("number"),
        },
      },
      indexes: {
        record: {
          pk: {
            field: "pk",
            composite: ["employeeId"],
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
    name: 'tywalch/electrodb:www/src/pages/en/modeling/indexes.mdx#numeric',
    source: { repo: 'tywalch/electrodb', path: 'www/src/pages/en/modeling/indexes.mdx', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    // A bare schema object in the page ("Numeric Keys"); keys are templates without a composite array.
    schema: {
      model: {
        entity: "numeric",
        service: "example",
        version: "1",
      },
      attributes: {
        number1: {
          type: "number", // defined as number
        },
        number2: {
          type: "number", // defined as number
        },
      },
      indexes: {
        record: {
          pk: {
            field: "pk",
            template: "${number1}", // will build PK as numeric value
          },
          sk: {
            field: "sk",
            template: "${number2}", // will build SK as numeric value
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
