/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * Files:
 *   - examples/taskManager/models/employee.ts
 *   - examples/taskManager/models/office.ts
 *   - examples/taskManager/models/task.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import { randomUUID } from 'node:crypto';
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Stand-in for `v4 as uuid` from the `uuid` package (written for this corpus).
const uuid = (): string => randomUUID();

// Stand-in for `moment(date)` from the `moment` package (written for this corpus). The schema only
// reads `moment(date).isValid` (a method, never called), so only that property's presence matters.
const moment = (date: string) => ({ isValid: (): boolean => !Number.isNaN(Date.parse(date)) });

export default [
  {
    name: 'tywalch/electrodb:examples/taskManager/models/employee.ts#Employee',
    source: { repo: 'tywalch/electrodb', path: 'examples/taskManager/models/employee.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "employee",
        version: "1",
        service: "task-manager",
      },
      attributes: {
        employee: {
          type: "string",
          default: () => uuid(),
        },
        firstName: {
          type: "string",
          required: true,
        },
        lastName: {
          type: "string",
          required: true,
        },
        officeName: {
          type: "string",
          required: true,
        },
        title: {
          type: "string",
          required: true,
        },
        team: {
          type: [
            "development",
            "marketing",
            "finance",
            "product",
            "cool cats and kittens",
          ] as const,
          required: true,
        },
        salary: {
          type: "string",
          required: true,
        },
        manager: {
          type: "string",
        },
        dateHired: {
          type: "string",
          validate: (date: string) => {
            if (!moment(date).isValid) {
              throw new Error("Invalid date format");
            }
          },
        },
        birthday: {
          type: "string",
          validate: (date: string) => {
            if (!moment(date).isValid) {
              throw new Error("Invalid date format");
            }
          },
        },
      },
      indexes: {
        employee: {
          pk: {
            field: "pk",
            composite: ["employee"],
          },
          sk: {
            field: "sk",
            composite: [],
          },
        },
        coworkers: {
          index: "gsi1pk-gsi1sk-index",
          collection: "workplaces",
          pk: {
            field: "gsi1pk",
            composite: ["officeName"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["team", "title", "employee"],
          },
        },
        teams: {
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["team"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["dateHired", "title"],
          },
        },
        employeeLookup: {
          collection: "assignments",
          index: "gsi3pk-gsi3sk-index",
          pk: {
            field: "gsi3pk",
            composite: ["employee"],
          },
          sk: {
            field: "gsi3sk",
            composite: [],
          },
        },
        roles: {
          index: "gsi4pk-gsi4sk-index",
          pk: {
            field: "gsi4pk",
            composite: ["title"],
          },
          sk: {
            field: "gsi4sk",
            composite: ["salary"],
          },
        },
        directReports: {
          index: "gsi5pk-gsi5sk-index",
          pk: {
            field: "gsi5pk",
            composite: ["manager"],
          },
          sk: {
            field: "gsi5sk",
            composite: ["team", "officeName"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/taskManager/models/office.ts#Office',
    source: { repo: 'tywalch/electrodb', path: 'examples/taskManager/models/office.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "Office",
        version: "1",
        service: "task-manager",
      },
      attributes: {
        officeName: {
          type: "string",
        },
        country: {
          type: "string",
        },
        state: {
          type: "string",
        },
        city: {
          type: "string",
        },
        zip: {
          type: "string",
        },
        address: {
          type: "string",
        },
      },
      indexes: {
        locations: {
          pk: {
            field: "pk",
            composite: ["country", "state"],
          },
          sk: {
            field: "sk",
            composite: ["city", "zip", "officeName"],
          },
        },
        office: {
          index: "gsi1pk-gsi1sk-index",
          collection: "workplaces",
          pk: {
            field: "gsi1pk",
            composite: ["officeName"],
          },
          sk: {
            field: "gsi1sk",
            composite: [],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/taskManager/models/task.ts#Task',
    source: { repo: 'tywalch/electrodb', path: 'examples/taskManager/models/task.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "task",
        version: "1",
        service: "task-manager",
      },
      attributes: {
        taskName: {
          type: "string",
          required: true,
        },
        project: {
          type: "string",
          required: true,
        },
        employee: {
          type: "string",
          required: true,
        },
        description: {
          type: "string",
        },
        status: {
          type: ["open", "in-progress", "closed"] as const,
          default: "open",
        },
        points: {
          type: "number",
          required: true,
        },
        comments: {
          type: "any",
        },
      },
      indexes: {
        task: {
          pk: {
            field: "pk",
            composite: ["taskName"],
          },
          sk: {
            field: "sk",
            composite: ["project", "employee"],
          },
        },
        project: {
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["project"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["employee", "status"],
          },
        },
        assigned: {
          collection: "assignments",
          index: "gsi3pk-gsi3sk-index",
          pk: {
            field: "gsi3pk",
            composite: ["employee"],
          },
          sk: {
            field: "gsi3sk",
            composite: ["project", "status"],
          },
        },
        statuses: {
          index: "gsi4pk-gsi4sk-index",
          pk: {
            field: "gsi4pk",
            composite: ["status"],
          },
          sk: {
            field: "gsi4sk",
            composite: ["project", "employee"],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
