/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/aisflat439/autonomous-ai
 * License: MIT
 * Commit: 745d5304d42567e20ccce343ed8d36ebc3c43eab
 * Files:
 *   - packages/core/src/agent-instructions.ts
 *   - packages/core/src/new-customers.ts
 *   - packages/core/src/tickets.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

export default [
  {
    name: 'aisflat439/autonomous-ai:packages/core/src/agent-instructions.ts#AgentInstruction',
    source: { repo: 'aisflat439/autonomous-ai', path: 'packages/core/src/agent-instructions.ts', commit: '745d5304d42567e20ccce343ed8d36ebc3c43eab' },
    schema: {
      model: {
        entity: "AgentInstruction",
        version: "1",
        service: "AgentInstructionService",
      },
      attributes: {
        agentId: {
          type: "string",
          required: true,
        },
        version: {
          type: "string",
          required: true,
        },
        instruction: {
          type: "string",
          required: true,
        },
        isActive: {
          type: "boolean",
          required: true,
          default: false,
        },
        changeNote: {
          type: "string",
          required: false,
        },
        updatedBy: {
          type: "string",
          required: true,
        },
        createdAt: {
          type: "string",
          required: true,
          default: () => new Date().toISOString(),
        },
        updatedAt: {
          type: "string",
          required: true,
          default: () => new Date().toISOString(),
          set: () => new Date().toISOString(),
        },
      },
      indexes: {
        byCreatedAt: {
          pk: {
            field: "pk",
            composite: ["agentId"],
          },
          sk: {
            field: "sk",
            composite: ["createdAt"],
          },
        },
        byActive: {
          index: "ActiveIndex",
          pk: {
            field: "gsi1pk",
            composite: [],
            template: "ACTIVE",
          },
          sk: {
            field: "gsi1sk",
            composite: ["agentId"],
          },
          condition: (attr) => attr.isActive === true,
        },
        byVersion: {
          index: "VersionIndex",
          pk: {
            field: "gsi2pk",
            composite: ["agentId"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["version"],
            template: "${version}",
          },
        },
      },
    },
  },
  {
    name: 'aisflat439/autonomous-ai:packages/core/src/new-customers.ts#NewCustomer',
    source: { repo: 'aisflat439/autonomous-ai', path: 'packages/core/src/new-customers.ts', commit: '745d5304d42567e20ccce343ed8d36ebc3c43eab' },
    schema: {
      model: {
        entity: "NewCustomer",
        version: "1",
        service: "CustomerService",
      },
      attributes: {
        customerId: {
          type: "string",
          required: true,
        },
        name: {
          type: "string",
          required: true,
        },
        email: {
          type: "string",
          required: true,
        },
        createdAt: {
          type: "string",
          required: true,
          default: () => new Date().toISOString(),
        },
        updatedAt: {
          type: "string",
          required: true,
          default: () => new Date().toISOString(),
          set: () => new Date().toISOString(),
        },
      },
      indexes: {
        primary: {
          pk: {
            field: "pk",
            composite: ["customerId"],
          },
          sk: {
            field: "sk",
            composite: [],
          },
        },
        byEmail: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            composite: ["email"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["customerId"],
          },
        },
      },
    },
  },
  {
    name: 'aisflat439/autonomous-ai:packages/core/src/tickets.ts#Ticket',
    source: { repo: 'aisflat439/autonomous-ai', path: 'packages/core/src/tickets.ts', commit: '745d5304d42567e20ccce343ed8d36ebc3c43eab' },
    schema: {
      model: {
        entity: "Ticket",
        version: "1",
        service: "TicketService",
      },
      attributes: {
        ticketId: {
          type: "string",
          required: true,
        },
        customerMessage: {
          type: "string",
          required: true,
        },
        description: {
          type: "string",
          required: true,
        },
        status: {
          type: ["open", "in-progress", "complete", "cancelled"] as const,
          required: true,
          default: "open",
        },
        priority: {
          type: ["low", "medium", "high", "urgent"] as const,
          required: false,
          default: "medium",
        },
        customerEmail: {
          type: "string",
          required: false,
        },
        assignedTo: {
          type: "string",
          required: false,
        },
        resolution: {
          type: "string",
          required: false,
        },
        createdAt: {
          type: "string",
          required: true,
          default: () => new Date().toISOString(),
        },
        updatedAt: {
          type: "string",
          required: true,
          default: () => new Date().toISOString(),
          set: () => new Date().toISOString(),
        },
        resolvedAt: {
          type: "string",
          required: false,
        },
      },
      indexes: {
        primary: {
          pk: {
            field: "pk",
            composite: ["ticketId"],
          },
          sk: {
            field: "sk",
            composite: [],
          },
        },
        byStatus: {
          index: "StatusIndex",
          pk: {
            field: "gsi1pk",
            composite: ["status"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["createdAt"],
          },
        },
        byCustomer: {
          index: "CustomerIndex",
          pk: {
            field: "gsi2pk",
            composite: ["customerEmail"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["createdAt"],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
