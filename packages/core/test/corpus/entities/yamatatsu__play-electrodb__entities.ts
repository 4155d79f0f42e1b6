/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/yamatatsu/play-electrodb
 * License: ISC (declared in package.json)
 * Commit: 40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e
 * Files:
 *   - src/db/entities/alert.ts
 *   - src/db/entities/alertCurrent.ts
 *   - src/db/entities/alertThreshold.ts
 *   - src/db/entities/gateway.ts
 *   - src/db/entities/gatewayPreAttached.ts
 *   - src/db/entities/sensorData.ts
 *   - src/db/entities/user.ts
 *   - src/db/entities/userWorkspace.ts
 *   - src/db/entities/wether.ts
 *   - src/db/entities/workspace.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Minimal stand-in (written for this corpus) for the parts of `@js-temporal/polyfill` these schemas use.
// `ZonedDateTime.from` / `PlainDate.from` throw a RangeError for strings they cannot parse, as Temporal
// does (this stand-in accepts only ISO strings; Temporal also accepts a few other forms).
// `Now.zonedDateTimeISO().toString()` gives an ISO date-time with offset and time-zone annotation.
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?\[[^\]]+\]$/;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?(Z|[+-]\d{2}:\d{2})?(\[[^\]]+\])?$/;
const Temporal = {
  ZonedDateTime: {
    from: (value: string): string => {
      if (!ZONED_DATE_TIME.test(value)) throw new RangeError(`Invalid ZonedDateTime: ${value}`);
      return value;
    },
  },
  PlainDate: {
    from: (value: string): string => {
      if (!PLAIN_DATE.test(value)) throw new RangeError(`Invalid PlainDate: ${value}`);
      return value;
    },
  },
  Now: {
    zonedDateTimeISO: () => ({ toString: (): string => new Date().toISOString().replace('Z', '+00:00[UTC]') }),
  },
};

export default [
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/alert.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/alert.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "alert",
        version: "1",
        service: "main",
      },
      attributes: {
        workspaceId: { type: "string", required: true },
        gatewayId: { type: "string", required: true },
        sensorUnitId: { type: "string", required: true },
        alertType: {
          type: ["temperature"] as const,
          required: true,
        },
        occurredAt: {
          type: "string",
          required: true,
          validate: (date: string) => {
            date && Temporal.ZonedDateTime.from(date);
          },
        },
        status: {
          type: ["occurring"] as const,
          required: true,
        },
        occurred: {
          type: "map",
          required: true,
          properties: {
            gatewayName: { type: "string", required: true },
            sensorUnitName: { type: "string", required: true },
            value: { type: "number", required: true },
            upperThreshold: { type: "number" },
            lowerThreshold: { type: "number" },
            reason: {
              type: ["upper", "lower"] as const,
              required: true,
            },
          },
        },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        history: {
          pk: { field: "pk", composite: ["workspaceId"] },
          sk: { field: "sk", composite: ["occurredAt"] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/alertCurrent.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/alertCurrent.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "alertCurrent",
        version: "1",
        service: "main",
      },
      attributes: {
        workspaceId: { type: "string", required: true },
        gatewayId: { type: "string", required: true },
        sensorUnitId: { type: "string", required: true },
        alertType: {
          type: ["temperature"] as const,
          required: true,
        },
        occurredAt: {
          type: "string",
          required: true,
          validate: (date: string) => {
            date && Temporal.ZonedDateTime.from(date);
          },
        },
        occurred: {
          type: "map",
          required: true,
          properties: {
            gatewayName: { type: "string", required: true },
            sensorUnitName: { type: "string", required: true },
            value: { type: "number", required: true },
            upperThreshold: { type: "number" },
            lowerThreshold: { type: "number" },
            reason: {
              type: ["upper", "lower"] as const,
              required: true,
            },
          },
        },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        byGateway: {
          pk: { field: "pk", composite: ["workspaceId"] },
          sk: {
            field: "sk",
            composite: ["gatewayId", "sensorUnitId", "alertType", "occurredAt"],
          },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/alertThreshold.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/alertThreshold.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "alertThreshold",
        version: "1",
        service: "main",
      },
      attributes: {
        workspaceId: { type: "string", required: true },
        gatewayId: { type: "string", required: true },
        sensorUnitIndex: { type: "number", required: true },
        temperature: { type: "number", required: true },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        sensorUnit: {
          pk: { field: "pk", composite: ["workspaceId"] },
          sk: { field: "sk", composite: ["gatewayId", "sensorUnitIndex"] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/gateway.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/gateway.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "gateway",
        version: "1",
        service: "main",
      },
      attributes: {
        workspaceId: { type: "string", required: true },
        gatewayId: { type: "string", required: true },
        imei: { type: "string", required: true },
        name: { type: "string", required: true },
        registrationCode: { type: "string", required: true },
        attachedBy: { type: "string", required: true },
        sensorUnits: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              name: { type: "string", required: true },
            },
          },
        },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        byWorkspaceId: {
          pk: { field: "pk", composite: ["workspaceId"] },
          sk: { field: "sk", composite: ["gatewayId"] },
        },
        imei: {
          index: "gsi2pk-gsi2sk-index",
          pk: { field: "gsi2pk", composite: ["imei"] },
          sk: { field: "gsi2sk", composite: [] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/gatewayPreAttached.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/gatewayPreAttached.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "gatewayPreAttached",
        version: "1",
        service: "main",
      },
      attributes: {
        registrationCode: { type: "string", required: true },
        gatewayId: { type: "string", required: true },
        imei: { type: "string", required: true },
        name: { type: "string", required: true },
        sensorUnits: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              name: { type: "string", required: true },
            },
          },
        },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        registrationCode: {
          collection: "registrationCode",
          pk: { field: "pk", composite: ["registrationCode"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/sensorData.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/sensorData.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "sensorData",
        version: "1",
        service: "main",
      },
      attributes: {
        gatewayId: { type: "string", required: true },
        sensorUnitIndex: { type: "number", required: true },
        timestamp: {
          type: "string",
          required: true,
          validate: (date: string) => {
            date && Temporal.ZonedDateTime.from(date);
          },
        },
        temperature: { type: "number", required: true },
      },
      indexes: {
        sensorData: {
          pk: { field: "pk", composite: ["gatewayId"] },
          sk: { field: "sk", composite: ["sensorUnitIndex", "timestamp"] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/user.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/user.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "user",
        version: "1",
        service: "main",
      },
      attributes: {
        userId: { type: "string", required: true },
        email: { type: "string", required: true },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        byUserId: {
          collection: "user",
          pk: { field: "pk", composite: ["userId"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/userWorkspace.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/userWorkspace.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "userWorkspace",
        version: "1",
        service: "main",
      },
      attributes: {
        userId: { type: "string", required: true },
        workspaceId: { type: "string", required: true },
        role: { type: ["normal", "admin"] as const, required: true },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        byUserId: {
          collection: "user",
          pk: { field: "pk", composite: ["userId"] },
          sk: { field: "sk", composite: ["workspaceId"] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/wether.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/wether.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "wether",
        version: "1",
        service: "main",
      },
      attributes: {
        areaId: { type: "string", required: true },
        date: {
          type: "string",
          required: true,
          validate: (date: string) => {
            date && Temporal.PlainDate.from(date);
          },
        },
        pinpointCode: { type: "string", required: true },
        icon: { type: "string", required: true },
        rainQuantity: { type: "number", required: true },
        temperatureMax: { type: "number", required: true },
        temperatureMin: { type: "number", required: true },
        weatherCode: { type: "string", required: true },
        weatherName: { type: "string", required: true },
      },
      indexes: {
        wether: {
          pk: { field: "pk", composite: ["areaId"] },
          sk: { field: "sk", composite: ["date"] },
        },
      },
    },
  },
  {
    name: 'yamatatsu/play-electrodb:src/db/entities/workspace.ts#default',
    source: { repo: 'yamatatsu/play-electrodb', path: 'src/db/entities/workspace.ts', commit: '40cbb0178a539d7190bfbe6fc7efd5c56ebbf35e' },
    schema: {
      model: {
        entity: "workspace",
        version: "1",
        service: "main",
      },
      attributes: {
        workspaceId: { type: "string", required: true },
        name: { type: "string", required: true },
        createdBy: { type: "string", required: true },
        createdAt: {
          type: "string",
          readOnly: true,
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
        updatedAt: {
          type: "string",
          watch: "*",
          required: true,
          default: () => Temporal.Now.zonedDateTimeISO().toString(),
          set: () => Temporal.Now.zonedDateTimeISO().toString(),
        },
      },
      indexes: {
        byWorkspaceId: {
          pk: { field: "pk", composite: ["workspaceId"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
