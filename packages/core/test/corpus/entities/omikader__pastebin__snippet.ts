/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/omikader/pastebin
 * License: MIT
 * Commit: 89a8b41b0af68e9843844d75c70b6cad2e3236ce
 * File:
 *   - packages/core/src/entities/snippet.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from this file, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

export default [
  {
    name: 'omikader/pastebin:packages/core/src/entities/snippet.ts#Snippet',
    source: { repo: 'omikader/pastebin', path: 'packages/core/src/entities/snippet.ts', commit: '89a8b41b0af68e9843844d75c70b6cad2e3236ce' },
    schema: {
      model: { service: "pastebin", entity: "snippet", version: "1" },
      attributes: {
        id: {
          type: "string",
          required: true,
        },
        title: {
          type: "string",
          required: true,
        },
        description: {
          type: "string",
          required: false,
        },
      },
      indexes: {
        byId: {
          pk: {
            field: "pk",
            composite: ["id"],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
