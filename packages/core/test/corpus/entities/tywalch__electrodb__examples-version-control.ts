/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * Files:
 *   - examples/versionControl/models/user.ts
 *   - examples/versionControl/models/repository.ts
 *   - examples/versionControl/models/subscription.ts
 *   - examples/versionControl/models/issue.ts
 *   - examples/versionControl/models/pullrequest.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import { CustomAttributeType } from 'electrodb';
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Minimal stand-in for `moment.utc().format()` from the `moment` package (written for this corpus):
// an ISO-8601 UTC timestamp without milliseconds, like moment's default format.
const moment = { utc: () => ({ format: (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }) };

// Values of the constants the schemas import from examples/versionControl/models/types.ts and
// repository.ts / subscription.ts, restated here so each schema is self-contained.
const StatusTypes = ['Open', 'Closed'] as const;
const PullRequestTicket = 'PullRequest';
const IssueTicket = 'Issue';
const IsNotTicket = '';
const TicketTypes = [IssueTicket, PullRequestTicket, IsNotTicket] as const;
const NotYetViewed = '#';
const RepositorySubscription = '#'; // module constant of subscription.ts
const licenses = [
  'afl-3.0', 'apache-2.0', 'artistic-2.0', 'bsl-1.0', 'bsd-2-clause', 'bsd-3-clause', 'bsd-3-clause-clear',
  'cc', 'cc0-1.0', 'cc-by-4.0', 'cc-by-sa-4.0', 'wtfpl', 'ecl-2.0', 'epl-1.0', 'epl-2.0', 'eupl-1.1',
  'agpl-3.0', 'gpl', 'gpl-2.0', 'gpl-3.0', 'lgpl', 'lgpl-2.1', 'lgpl-3.0', 'isc', 'lppl-1.3c', 'ms-pl',
  'mit', 'mpl-2.0', 'osl-3.0', 'postgresql', 'ofl-1.1', 'ncsa', 'unlicense', 'zlib',
] as const; // module constant of repository.ts

// Equivalents (written for this corpus) of types.ts's toStatusCode / toStatusString: a status maps to
// its index in StatusTypes as a string ('Open' -> '0'), and back; anything else maps to undefined.
const toStatusCode = (status: unknown): string | undefined => {
  const index = (StatusTypes as readonly unknown[]).indexOf(status);
  return index === -1 ? undefined : String(index);
};
const toStatusString = (code: unknown): (typeof StatusTypes)[number] | undefined =>
  StatusTypes.find((_status, index) => String(index) === code);

// The type parameter of the PullRequest `reviewers` attribute (pullrequest.ts).
type PullRequestReviews = Record<string, { approved: boolean; updatedAt: string }>;

export default [
  {
    name: 'tywalch/electrodb:examples/versionControl/models/user.ts#User',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/user.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "user",
        service: "version-control",
        version: "1",
      },
      attributes: {
        username: {
          type: "string",
        },
        fullName: {
          type: "string",
        },
        photo: {
          type: "string",
        },
        bio: {
          type: "string",
        },
        location: {
          type: "string",
        },
        following: {
          type: "set",
          items: "string",
        },
        followers: {
          type: "set",
          items: "string",
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        user: {
          collection: "overview",
          pk: {
            composite: ["username"],
            field: "pk",
          },
          sk: {
            composite: [],
            field: "sk",
          },
        },
        _: {
          collection: "owned",
          index: "gsi1pk-gsi1sk-index",
          pk: {
            composite: ["username"],
            field: "gsi1pk",
          },
          sk: {
            field: "gsi1sk",
            composite: [],
          },
        },
        subscriptions: {
          collection: "watching",
          index: "gsi3pk-gsi3sk-index",
          pk: {
            composite: ["username"],
            field: "gsi3pk",
          },
          sk: {
            composite: [],
            field: "gsi3sk",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/versionControl/models/repository.ts#Repository',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/repository.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "Repository",
        service: "version-control",
        version: "1",
      },
      attributes: {
        repoName: {
          type: "string",
        },
        repoOwner: {
          type: "string",
        },
        about: {
          type: "string",
        },
        username: {
          type: "string",
          readOnly: true,
          watch: ["repoOwner"],
          set: (_, { repoOwner }) => repoOwner,
        },
        description: {
          type: "string",
        },
        isPrivate: {
          type: "boolean",
        },
        license: {
          type: licenses,
        },
        defaultBranch: {
          type: "string",
          default: "main",
        },
        topics: {
          type: "set",
          items: "string",
        },
        followers: {
          type: "set",
          items: "string",
        },
        stars: {
          type: "set",
          items: "string",
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        repositories: {
          collection: "alerts",
          pk: {
            composite: ["repoOwner"],
            field: "pk",
          },
          sk: {
            composite: ["repoName"],
            field: "sk",
          },
        },
        created: {
          collection: "owned",
          index: "gsi1pk-gsi1sk-index",
          pk: {
            composite: ["username"],
            field: "gsi1pk",
          },
          sk: {
            composite: ["isPrivate", "createdAt"],
            field: "gsi1sk",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/versionControl/models/subscription.ts#Subscription',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/subscription.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "subscription",
        service: "version-control",
        version: "1",
      },
      attributes: {
        repoName: {
          type: "string",
          required: true,
        },
        repoOwner: {
          type: "string",
          required: true,
        },
        username: {
          type: "string",
          required: true,
        },
        ticketNumber: {
          type: "string",
          default: () => IsNotTicket,
          set: (ticketNumber) => {
            if (ticketNumber === IsNotTicket) {
              return RepositorySubscription;
            } else {
              return ticketNumber;
            }
          },
          get: (ticketNumber) => {
            if (ticketNumber === RepositorySubscription) {
              return IsNotTicket;
            } else {
              return ticketNumber;
            }
          },
        },
        ticketType: {
          type: TicketTypes,
          default: () => IsNotTicket,
          set: (ticketType) => {
            if (ticketType === IsNotTicket) {
              return RepositorySubscription;
            } else {
              return ticketType;
            }
          },
          get: (ticketType) => {
            if (ticketType === RepositorySubscription) {
              return IsNotTicket;
            } else {
              return ticketType;
            }
          },
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        repository: {
          pk: {
            composite: ["repoOwner", "repoName"],
            field: "pk",
          },
          sk: {
            composite: ["username", "ticketType", "ticketNumber"],
            field: "sk",
          },
        },
        user: {
          collection: "watching",
          index: "gsi3pk-gsi3sk-index",
          pk: {
            composite: ["username"],
            field: "gsi3pk",
          },
          sk: {
            composite: ["ticketType", "ticketNumber"],
            field: "gsi3sk",
          },
        },
        tickets: {
          collection: "subscribers",
          index: "gsi4pk-gsi4sk-index",
          pk: {
            composite: ["repoOwner", "repoName", "ticketNumber"],
            field: "gsi4pk",
          },
          sk: {
            composite: ["ticketType", "username"],
            field: "gsi4sk",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/versionControl/models/issue.ts#Issue',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/issue.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "issue",
        service: "version-control",
        version: "1",
      },
      attributes: {
        issueNumber: {
          type: "string",
        },
        repoName: {
          type: "string",
        },
        repoOwner: {
          type: "string",
        },
        username: {
          type: "string",
        },
        ticketType: {
          type: TicketTypes,
          set: () => IssueTicket,
          readOnly: true,
        },
        ticketNumber: {
          type: "string",
          readOnly: true,
          watch: ["issueNumber"],
          set: (_, { issueNumber }) => issueNumber,
        },
        status: {
          type: StatusTypes,
          default: "Open",
          set: (val) => toStatusCode(val),
          get: (val) => toStatusString(val),
        },
        subject: {
          type: "string",
        },
        body: {
          type: "string",
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        issue: {
          collection: "issueReview",
          pk: {
            composite: ["repoOwner", "repoName", "issueNumber"],
            field: "pk",
          },
          sk: {
            composite: [],
            field: "sk",
          },
        },
        created: {
          collection: ["owned", "managed"],
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["username"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["status", "createdAt"],
          },
        },
        todos: {
          collection: "activity",
          index: "gsi2pk-gsi2sk-index",
          pk: {
            composite: ["repoOwner", "repoName"],
            field: "gsi2pk",
          },
          sk: {
            composite: ["status", "createdAt"],
            field: "gsi2sk",
          },
        },
        _: {
          collection: "subscribers",
          index: "gsi4pk-gsi4sk-index",
          pk: {
            composite: ["repoOwner", "repoName", "ticketNumber"],
            field: "gsi4pk",
          },
          sk: {
            composite: [],
            field: "gsi4sk",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/versionControl/models/issue.ts#IssueComment',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/issue.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "issue-comment",
        service: "version-control",
        version: "1",
      },
      attributes: {
        issueNumber: {
          type: "string",
        },
        commentId: {
          type: "string",
        },
        username: {
          type: "string",
        },
        replyTo: {
          type: "string",
        },
        replyViewed: {
          type: "string",
          default: NotYetViewed,
          get: (replyViewed) => {
            if (replyViewed !== NotYetViewed) {
              return replyViewed;
            }
          },
          set: (replyViewed) => {
            if (replyViewed === undefined) {
              return NotYetViewed;
            }
            return replyViewed;
          },
        },
        repoName: {
          type: "string",
        },
        repoOwner: {
          type: "string",
        },
        body: {
          type: "string",
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        comments: {
          collection: "issueReview",
          pk: {
            composite: ["repoOwner", "repoName", "issueNumber"],
            field: "pk",
          },
          sk: {
            composite: ["commentId"],
            field: "sk",
          },
        },
        created: {
          collection: "conversations",
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["username"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["repoOwner", "repoName", "issueNumber"],
          },
        },
        replies: {
          collection: "inbox",
          index: "gsi2pk-gsi2sk-index",
          pk: {
            composite: ["replyTo"],
            field: "gsi2pk",
          },
          sk: {
            composite: ["updatedAt", "replyViewed"],
            field: "gsi2sk",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/versionControl/models/pullrequest.ts#PullRequest',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/pullrequest.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "pull-request",
        service: "version-control",
        version: "1",
      },
      attributes: {
        pullRequestNumber: {
          type: "string",
          required: true,
        },
        repoName: {
          type: "string",
          required: true,
        },
        repoOwner: {
          type: "string",
          required: true,
        },
        username: {
          type: "string",
          required: true,
        },
        ticketType: {
          type: TicketTypes,
          default: () => PullRequestTicket,
          set: () => PullRequestTicket,
          readOnly: true,
        },
        ticketNumber: {
          type: "string",
          readOnly: true,
          watch: ["pullRequestNumber"],
          set: (_, { pullRequestNumber }) => pullRequestNumber,
        },
        status: {
          type: StatusTypes,
          default: "Open",
          set: (val) => toStatusCode(val),
          get: (val) => toStatusString(val),
        },
        reviewers: {
          type: CustomAttributeType<PullRequestReviews>("any"),
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        pullRequest: {
          collection: "PRReview",
          pk: {
            composite: ["repoOwner", "repoName", "pullRequestNumber"],
            field: "pk",
          },
          sk: {
            composite: [],
            field: "sk",
          },
        },
        created: {
          collection: ["owned", "managed"],
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["username"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["status", "createdAt"],
          },
        },
        enhancements: {
          collection: "activity",
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["repoOwner", "repoName"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["status", "createdAt"],
          },
        },
        _: {
          collection: "subscribers",
          index: "gsi4pk-gsi4sk-index",
          pk: {
            composite: ["repoOwner", "repoName", "ticketNumber"],
            field: "gsi4pk",
          },
          sk: {
            composite: [],
            field: "gsi4sk",
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/versionControl/models/pullrequest.ts#PullRequestComment',
    source: { repo: 'tywalch/electrodb', path: 'examples/versionControl/models/pullrequest.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "pull-request-comment",
        service: "version-control",
        version: "1",
      },
      attributes: {
        repoName: {
          type: "string",
        },
        username: {
          type: "string",
        },
        repoOwner: {
          type: "string",
        },
        pullRequestNumber: {
          type: "string",
        },
        commentId: {
          type: "string",
        },
        replyTo: {
          type: "string",
        },
        body: {
          type: "string",
        },
        replyViewed: {
          type: "string",
          default: NotYetViewed,
          get: (replyViewed) => {
            if (replyViewed !== NotYetViewed) {
              return replyViewed;
            }
          },
          set: (replyViewed) => {
            if (replyViewed === undefined) {
              return NotYetViewed;
            }
            return replyViewed;
          },
        },
        createdAt: {
          type: "string",
          set: () => moment.utc().format(),
          default: () => moment.utc().format(),
          readOnly: true,
        },
        updatedAt: {
          type: "string",
          watch: "*",
          set: () => moment.utc().format(),
          readOnly: true,
        },
      },
      indexes: {
        comments: {
          collection: "PRReview",
          pk: {
            composite: ["repoOwner", "repoName", "pullRequestNumber"],
            field: "pk",
          },
          sk: {
            composite: ["commentId"],
            field: "sk",
          },
        },
        created: {
          collection: "conversations",
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["username"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["repoOwner", "repoName"],
          },
        },
        replies: {
          collection: "inbox",
          index: "gsi2pk-gsi2sk-index",
          pk: {
            composite: ["replyTo"],
            field: "gsi2pk",
          },
          sk: {
            composite: ["updatedAt", "replyViewed"],
            field: "gsi2sk",
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
