/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * File:
 *   - examples/locks/LockManager.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from this file, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

export default [
  {
    name: 'tywalch/electrodb:examples/locks/LockManager.ts#createLockEntity',
    source: { repo: 'tywalch/electrodb', path: 'examples/locks/LockManager.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "lock",
        version: "1",
        service: "app",
      },
      attributes: {
        targetId: {
          type: "string",
        },
        keyId: {
          type: "string",
          required: true,
        },
        expiresAt: {
          type: "number",
          required: true,
        },
      },
      indexes: {
        lock: {
          pk: {
            field: "pk",
            composite: ["targetId"],
          },
          sk: {
            field: "sk",
            composite: [],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
