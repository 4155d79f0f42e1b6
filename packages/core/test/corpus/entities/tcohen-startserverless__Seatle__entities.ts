/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tcohen-startserverless/Seatle
 * License: MIT (Copyright (c) 2024 SST)
 * Commit: b26b33bdcd20f7865677eec380faad4519ee0326
 * Files:
 *   - packages/core/src/charts/assignment/entity.ts
 *   - packages/core/src/charts/chart/entity.ts
 *   - packages/core/src/charts/furniture/entity.ts
 *   - packages/core/src/list/entity.ts
 *   - packages/core/src/person/entity.ts
 *   - packages/core/src/user/entity.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import { randomBytes } from 'node:crypto';
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Stand-in (written for this corpus) for `ulid()` from the `ulid` package: 48-bit millisecond time
// plus 80 random bits, in Crockford base32 (26 characters).
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(): string {
  let time = '';
  let now = Date.now();
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(now % 32) + time;
    now = Math.floor(now / 32);
  }
  let random = '';
  for (const byte of randomBytes(16)) random += CROCKFORD.charAt(byte % 32);
  return time + random;
}

export default [
  {
    name: 'tcohen-startserverless/Seatle:packages/core/src/charts/assignment/entity.ts#Assignment',
    source: { repo: 'tcohen-startserverless/Seatle', path: 'packages/core/src/charts/assignment/entity.ts', commit: 'b26b33bdcd20f7865677eec380faad4519ee0326' },
    schema: {
      model: {
        entity: 'assignment',
        version: '1',
        service: 'app',
      },
      attributes: {
        id: {
          type: 'string',
          required: true,
          default: () => ulid(),
        },
        userId: {
          type: 'string',
          required: true,
        },
        chartId: {
          type: 'string',
          required: true,
        },
        furnitureId: {
          type: 'string',
          required: true,
        },
        personId: {
          type: 'string',
          required: true,
        },
        createdAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
        updatedAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
      },
      indexes: {
        primary: {
          collection: 'charts',
          type: 'clustered',
          pk: {
            field: 'pk',
            composite: ['userId'],
          },
          sk: {
            field: 'sk',
            composite: ['chartId', 'id'],
          },
        },
        byPerson: {
          index: 'GSI1',
          pk: {
            field: 'gsi1pk',
            composite: ['userId'],
          },
          sk: {
            field: 'gsi1sk',
            composite: ['personId'],
          },
        },
        byFurniture: {
          index: 'GSI2',
          pk: {
            field: 'gsi2pk',
            composite: ['userId'],
          },
          sk: {
            field: 'gsi2sk',
            composite: ['furnitureId'],
          },
        },
      },
    },
  },
  {
    name: 'tcohen-startserverless/Seatle:packages/core/src/charts/chart/entity.ts#Chart',
    source: { repo: 'tcohen-startserverless/Seatle', path: 'packages/core/src/charts/chart/entity.ts', commit: 'b26b33bdcd20f7865677eec380faad4519ee0326' },
    schema: {
      model: {
        entity: 'chart',
        version: '1',
        service: 'app',
      },
      attributes: {
        chartId: {
          type: 'string',
          required: true,
          default: () => ulid(),
        },
        userId: {
          type: 'string',
          required: true,
        },
        name: {
          type: 'string',
          required: true,
        },
        description: {
          type: 'string',
          required: false,
        },
        listId: {
          type: 'string',
          required: true,
        },
        width: {
          type: 'number',
          required: true,
          default: 800,
        },
        height: {
          type: 'number',
          required: true,
          default: 600,
        },
        status: {
          type: ['ACTIVE', 'ARCHIVED'] as const,
          required: true,
          default: 'ACTIVE',
        },
        createdAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
        updatedAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
      },
      indexes: {
        primary: {
          collection: 'charts',
          type: 'clustered',
          pk: {
            field: 'pk',
            composite: ['userId'],
          },
          sk: {
            field: 'sk',
            composite: ['chartId'],
          },
        },
        byStatus: {
          index: 'GSI1',
          pk: {
            field: 'gsi1pk',
            composite: ['userId'],
          },
          sk: {
            field: 'gsi1sk',
            composite: ['status', 'createdAt'],
          },
        },
      },
    },
  },
  {
    name: 'tcohen-startserverless/Seatle:packages/core/src/charts/furniture/entity.ts#Furniture',
    source: { repo: 'tcohen-startserverless/Seatle', path: 'packages/core/src/charts/furniture/entity.ts', commit: 'b26b33bdcd20f7865677eec380faad4519ee0326' },
    schema: {
      model: {
        entity: 'furniture',
        version: '1',
        service: 'app',
      },
      attributes: {
        id: {
          label: 'furnitureId',
          type: 'string',
          required: true,
          default: () => ulid(),
        },
        userId: {
          type: 'string',
          required: true,
        },
        chartId: {
          type: 'string',
          required: true,
        },
        x: {
          type: 'number',
          required: true,
        },
        y: {
          type: 'number',
          required: true,
        },
        width: {
          type: 'number',
          required: true,
          default: 60,
        },
        height: {
          type: 'number',
          required: true,
          default: 60,
        },
        rotation: {
          type: 'number',
          required: false,
          default: 0,
        },
        type: {
          type: ['TABLE', 'DESK', 'CHAIR', 'OTHER'] as const,
          required: true,
          default: 'CHAIR',
        },
        label: {
          type: 'string',
          required: false,
        },
        notes: {
          type: 'string',
          required: false,
        },
        createdAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
        updatedAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
      },
      indexes: {
        primary: {
          collection: 'charts',
          type: 'clustered',
          pk: {
            field: 'pk',
            composite: ['userId'],
          },
          sk: {
            field: 'sk',
            composite: ['chartId', 'id'],
          },
        },
      },
    },
  },
  {
    name: 'tcohen-startserverless/Seatle:packages/core/src/list/entity.ts#List',
    source: { repo: 'tcohen-startserverless/Seatle', path: 'packages/core/src/list/entity.ts', commit: 'b26b33bdcd20f7865677eec380faad4519ee0326' },
    schema: {
      model: {
        entity: 'List',
        version: '1',
        service: 'app',
      },
      attributes: {
        id: {
          type: 'string',
          required: true,
          default: () => ulid(),
        },
        userId: {
          type: 'string',
          required: true,
        },
        name: {
          type: 'string',
          required: true,
        },
        description: {
          type: 'string',
          required: false,
        },
        status: {
          type: ['ACTIVE', 'ARCHIVED'] as const,
          required: true,
          default: 'ACTIVE',
        },
        createdAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
        updatedAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
      },
      indexes: {
        primary: {
          pk: {
            field: 'pk',
            composite: ['userId'],
          },
          sk: {
            field: 'sk',
            composite: ['id'],
          },
        },
        byStatus: {
          index: 'GSI1',
          pk: {
            field: 'gsi1pk',
            composite: ['userId'],
          },
          sk: {
            field: 'gsi1sk',
            composite: ['status', 'createdAt'],
          },
        },
      },
    },
  },
  {
    name: 'tcohen-startserverless/Seatle:packages/core/src/person/entity.ts#Person',
    source: { repo: 'tcohen-startserverless/Seatle', path: 'packages/core/src/person/entity.ts', commit: 'b26b33bdcd20f7865677eec380faad4519ee0326' },
    schema: {
      model: {
        entity: 'person',
        version: '1',
        service: 'app',
      },
      attributes: {
        id: {
          type: 'string',
          required: true,
          default: () => ulid(),
        },
        listId: {
          type: 'string',
          required: true,
        },
        userId: {
          type: 'string',
          required: true,
        },
        firstName: {
          type: 'string',
          required: true,
        },
        lastName: {
          type: 'string',
          required: true,
        },
        email: {
          type: 'string',
          required: false,
        },
        phone: {
          type: 'string',
          required: false,
        },
        notes: {
          type: 'string',
          required: false,
        },
        createdAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
        updatedAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
      },
      indexes: {
        primary: {
          pk: {
            field: 'pk',
            composite: ['userId'],
          },
          sk: {
            field: 'sk',
            composite: ['id'],
          },
        },
        byList: {
          index: 'GSI1',
          pk: {
            field: 'gsi1pk',
            composite: ['userId'],
          },
          sk: {
            field: 'gsi1sk',
            composite: ['listId', 'id'],
          },
        },
      },
    },
  },
  {
    name: 'tcohen-startserverless/Seatle:packages/core/src/user/entity.ts#User',
    source: { repo: 'tcohen-startserverless/Seatle', path: 'packages/core/src/user/entity.ts', commit: 'b26b33bdcd20f7865677eec380faad4519ee0326' },
    schema: {
      model: {
        entity: 'user',
        version: '1',
        service: 'app',
      },
      attributes: {
        id: {
          type: 'string',
          required: true,
          default: () => ulid(),
        },
        email: {
          type: 'string',
          required: true,
        },
        firstName: {
          type: 'string',
          required: false,
        },
        lastName: {
          type: 'string',
          required: false,
        },
        role: {
          type: ['ADMIN', 'USER'] as const,
          default: () => 'USER',
          required: true,
        },
        status: {
          type: ['ACTIVE', 'INACTIVE', 'PENDING', 'SUSPENDED'] as const,
          required: true,
          default: 'PENDING',
        },
        createdAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
        updatedAt: {
          type: 'number',
          required: true,
          default: () => Date.now(),
        },
      },
      indexes: {
        primary: {
          scope: 'user',
          pk: {
            field: 'pk',
            composite: [],
          },
          sk: {
            field: 'sk',
            composite: ['id'],
          },
        },
        byEmail: {
          index: 'GSI1',
          pk: {
            field: 'gsi1pk',
            composite: ['email'],
          },
          sk: {
            field: 'gsi1sk',
            composite: [],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
