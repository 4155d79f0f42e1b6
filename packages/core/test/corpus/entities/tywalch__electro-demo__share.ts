/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electro-demo
 * License: ISC (declared in package.json)
 * Commit: ffd5e12cb9612604757ec2c7606c4a4114250a8d
 * Files:
 *   - netlify/functions/share/constraints.ts
 *   - netlify/functions/share/refs.ts
 *   - netlify/functions/share/ratelimit.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Value of `serviceName` exported by netlify/functions/share/client.ts.
const serviceName = 'electrodb_playground';

const pad2 = (n: number): string => String(n).padStart(2, '0');
// Equivalent (written for this corpus) of moment.utc(date).format("YYYY-MM-DD hh:mm:ss"); note "hh" is
// moment's 12-hour clock (01-12), kept as the source has it.
const formatUtc = (date: Date): string =>
  `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
  `${pad2(((date.getUTCHours() + 11) % 12) + 1)}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;

// refs.ts's getDate(), reimplemented without moment.
function getDate(): string {
  return formatUtc(new Date());
}

// ratelimit.ts's createDateInterval(), reimplemented without moment: rounds the current minute (for
// "hour" intervals) or second (for "minute" intervals) to the nearest multiple of ceil(60 / frequency).
function createDateInterval(frequency: number, interval: 'minute' | 'hour'): string {
  const occurances = Math.ceil(60 / frequency);
  const date = new Date();
  if (interval === 'hour') {
    date.setUTCMinutes(Math.round(date.getUTCMinutes() / occurances) * occurances);
  } else {
    date.setUTCSeconds(Math.round(date.getUTCSeconds() / occurances) * occurances);
  }
  return formatUtc(date);
}

// ratelimit.ts builds this entity in a factory, createRateLimitter({ name, frequency, interval });
// store.ts calls it with { name: "site", interval: "hour", frequency: 200 }, which is used here.
const name = 'site';
const frequency = 200;
const interval: 'minute' | 'hour' = 'hour';

export default [
  {
    name: 'tywalch/electro-demo:netlify/functions/share/constraints.ts#uniqueConstraint',
    source: { repo: 'tywalch/electro-demo', path: 'netlify/functions/share/constraints.ts', commit: 'ffd5e12cb9612604757ec2c7606c4a4114250a8d' },
    schema: {
      model: {
        entity: "unique_contraint",
        version: "1",
        service: serviceName
      },
      attributes: {
        name: {
          type: "string"
        },
        value: {
          type: "string"
        }
      },
      indexes: {
        constraint: {
          pk: {
            field: "pk",
            composite: ["value"]
          },
          sk: {
            field: "sk",
            composite: ["name"]
          }
        }
      }
    },
  },
  {
    name: 'tywalch/electro-demo:netlify/functions/share/refs.ts#refWriter',
    source: { repo: 'tywalch/electro-demo', path: 'netlify/functions/share/refs.ts', commit: 'ffd5e12cb9612604757ec2c7606c4a4114250a8d' },
    schema: {
      model: {
        entity: "ref_writer",
        version: "1",
        service: serviceName
      },
      attributes: {
        writerId: {
          type: "string"
        },
        userAgent: {
          type: "set",
          items: "string",
        },
        lastRef: {
          type: "string"
        },
        lastIpAddress: {
          type: "string",
        },
        createdAt: {
          type: "string",
          hidden: true,
          readOnly: true,
          default: () => getDate(),
          set: () => getDate(),
        },
        updatedAt: {
          watch: "*",
          type: "string",
          hidden: true,
          readOnly: true,
          default: () => getDate(),
          set: () => getDate()
        },
      },
      indexes: {
        record: {
          collection: "writer",
          pk: {
            field: "pk",
            composite: ["writerId"]
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
    name: 'tywalch/electro-demo:netlify/functions/share/refs.ts#shareRef',
    source: { repo: 'tywalch/electro-demo', path: 'netlify/functions/share/refs.ts', commit: 'ffd5e12cb9612604757ec2c7606c4a4114250a8d' },
    schema: {
      model: {
        entity: "share_ref",
        version: "1",
        service: serviceName
      },
      attributes: {
        refId: {
          type: "string",
        },
        writerId: {
          type: "string",
          readOnly: true,
        },
        hash: {
          type: "string",
        },
        updatedAt: {
          watch: "*",
          type: "string",
          hidden: true,
          set: () => getDate()
        },
        createdAt: {
          type: "string",
          hidden: true,
          readOnly: true,
          default: () => getDate(),
        },
      },
      indexes: {
        created: {
          collection: "writer",
          pk: {
            field: "pk",
            composite: ["writerId"]
          },
          sk: {
            field: "sk",
            composite: ["refId"]
          }
        },
        link: {
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["refId"]
          },
          sk: {
            field: "gsi1sk",
            composite: []
          }
        }
      }
    },
  },
  {
    name: 'tywalch/electro-demo:netlify/functions/share/ratelimit.ts#createRateLimitter',
    source: { repo: 'tywalch/electro-demo', path: 'netlify/functions/share/ratelimit.ts', commit: 'ffd5e12cb9612604757ec2c7606c4a4114250a8d' },
    schema: {
      model: {
        entity: `${name}_ratelimitter`,
        service: serviceName,
        version: "1"
      }, 
      attributes: {
        id: {
          type: "string",
        },
        interval: {
          type: "string",
          default: () => createDateInterval(frequency, interval),
        },
        count: {
          type: "number"
        }
      },
      indexes: {
        limits: {
          pk: {
            field: "pk",
            composite: ["id"]
          },
          sk: {
            field: "sk",
            composite: ["interval"]
          }
        }
      }
    },
  },
] satisfies CorpusEntryDefinition[];
