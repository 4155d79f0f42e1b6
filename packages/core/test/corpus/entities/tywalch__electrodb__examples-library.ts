/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/tywalch/electrodb
 * License: MIT (Copyright (c) 2021 Tyler W. Walch)
 * Commit: 0ceff2015d85eae80b8eb951af7a706540b42fa2
 * Files:
 *   - examples/library/models/author.ts
 *   - examples/library/models/book.ts
 *   - examples/library/models/genre.ts
 *   - examples/library/models/member.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

export default [
  {
    name: 'tywalch/electrodb:examples/library/models/author.ts#Author',
    source: { repo: 'tywalch/electrodb', path: 'examples/library/models/author.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "author",
        version: "1",
        service: "library",
      },
      attributes: {
        authorFirstName: {
          type: "string",
          required: true,
        },
        authorLastName: {
          type: "string",
          required: true,
        },
        birthday: {
          type: "string",
        },
        bio: {
          type: "string",
          required: true,
        },
        genres: {
          type: "set",
          items: "string",
        },
      },
      indexes: {
        writer: {
          pk: {
            field: "pk",
            composite: ["authorLastName"],
          },
          sk: {
            field: "sk",
            composite: ["authorFirstName", "birthday"],
          },
        },
        info: {
          collection: ["works"],
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["authorLastName", "authorFirstName"],
          },
          sk: {
            field: "gsi2sk",
            composite: [],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/library/models/book.ts#Book',
    source: { repo: 'tywalch/electrodb', path: 'examples/library/models/book.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "book",
        version: "1",
        service: "library",
      },
      attributes: {
        bookId: {
          type: "string",
        },
        bookTitle: {
          type: "string",
          required: true,
        },
        description: {
          type: "string",
          required: true,
        },
        publisher: {
          type: "string",
          required: true,
        },
        releaseDate: {
          type: "string",
          required: true,
        },
        authorFirstName: {
          type: "string",
          required: true,
        },
        authorLastName: {
          type: "string",
          required: true,
        },
        isbn: {
          type: "string",
          required: true,
        },
        loanStartDate: {
          type: "string",
        },
        loanEndDate: {
          type: "string",
        },
        memberId: {
          type: "string",
        },
      },
      indexes: {
        copies: {
          collection: ["detail"],
          pk: {
            field: "pk",
            composite: ["isbn"],
          },
          sk: {
            field: "sk",
            composite: ["bookId"],
          },
        },
        loans: {
          collection: ["account"],
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["memberId"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["loanEndDate"],
          },
        },
        author: {
          collection: ["works"],
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["authorLastName", "authorFirstName"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["loanEndDate"],
          },
        },
        editions: {
          collection: ["titles"],
          index: "gsi3pk-gsi3sk-index",
          pk: {
            field: "gsi3pk",
            composite: ["bookTitle"],
          },
          sk: {
            field: "gsi3sk",
            composite: ["releaseDate"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/library/models/genre.ts#Genre',
    source: { repo: 'tywalch/electrodb', path: 'examples/library/models/genre.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "genre",
        version: "1",
        service: "library",
      },
      attributes: {
        genre: {
          type: "string",
          required: true,
        },
        isbn: {
          type: "string",
          required: true,
        },
        bookId: {
          type: "string",
          required: true,
        },
        bookTitle: {
          type: "string",
          required: true,
        },
        authorFirstName: {
          type: "string",
          required: true,
        },
        authorLastName: {
          type: "string",
          required: true,
        },
        subgenre: {
          type: "string",
        },
      },
      indexes: {
        book: {
          collection: ["detail"],
          pk: {
            field: "pk",
            composite: ["isbn"],
          },
          sk: {
            field: "sk",
            composite: ["genre", "subgenre"],
          },
        },
        categories: {
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["genre"],
          },
          sk: {
            field: "gsi1sk",
            composite: ["subgenre"],
          },
        },
        author: {
          collection: ["works"],
          index: "gsi2pk-gsi2sk-index",
          pk: {
            field: "gsi2pk",
            composite: ["authorLastName", "authorFirstName"],
          },
          sk: {
            field: "gsi2sk",
            composite: ["genre", "subgenre"],
          },
        },
        title: {
          collection: ["titles"],
          index: "gsi3pk-gsi3sk-index",
          pk: {
            field: "gsi3pk",
            composite: ["bookTitle"],
          },
          sk: {
            field: "gsi13sk",
            composite: ["genre", "subgenre"],
          },
        },
      },
    },
  },
  {
    name: 'tywalch/electrodb:examples/library/models/member.ts#Member',
    source: { repo: 'tywalch/electrodb', path: 'examples/library/models/member.ts', commit: '0ceff2015d85eae80b8eb951af7a706540b42fa2' },
    schema: {
      model: {
        entity: "member",
        version: "1",
        service: "library",
      },
      attributes: {
        memberId: {
          type: "string",
        },
        membershipStartDate: {
          type: "string",
        },
        membershipEndDate: {
          type: "string",
        },
        address: {
          type: "map",
          properties: {
            streetAddress: {
              type: "string",
            },
            city: {
              type: "string",
            },
            state: {
              type: "string",
            },
            zip: {
              type: "string",
            },
          },
        },
      },
      indexes: {
        member: {
          pk: {
            field: "pk",
            composite: ["memberId"],
          },
          sk: {
            field: "sk",
            composite: [],
          },
        },
        _: {
          // this is a duplicate access pattern for the entity
          // but exists to open the door to additional access
          // patterns on the gsi. The 'account' lets you get
          // loans and member information by memberId, but in
          // the future could have other associations by memberId
          // such as "notes", "fees", etc.
          collection: ["account"],
          index: "gsi1pk-gsi1sk-index",
          pk: {
            field: "gsi1pk",
            composite: ["memberId"],
          },
          sk: {
            field: "gsi1sk",
            composite: [],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
