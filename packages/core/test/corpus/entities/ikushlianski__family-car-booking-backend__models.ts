/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/ikushlianski/family-car-booking-backend
 * License: MIT (declared in package.json)
 * Commit: 75a06ac9a32fa0dd2b6883c0345be800a18e3e58
 * Files:
 *   - services/db/models/booking.model.ts
 *   - services/db/models/car.model.ts
 *   - services/db/models/user.model.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

// Value of ELECTRO_DB_SERVICE in services/db/db.constants.ts.
const ELECTRO_DB_SERVICE = 'honda-service';

export default [
  {
    name: 'ikushlianski/family-car-booking-backend:services/db/models/booking.model.ts#BookingModel',
    source: { repo: 'ikushlianski/family-car-booking-backend', path: 'services/db/models/booking.model.ts', commit: '75a06ac9a32fa0dd2b6883c0345be800a18e3e58' },
    schema: {
      model: {
        entity: 'bookings',
        version: '1',
        service: ELECTRO_DB_SERVICE,
      },
      attributes: {
        username: {
          type: 'string',
          required: true,
        },
        carId: {
          type: 'string',
          required: true,
        },
        startTime: {
          type: 'number',
          required: true,
        },
        endTime: {
          type: 'number',
          required: false,
        },
        description: {
          type: 'string',
          required: false,
        },
        isFinished: {
          type: 'boolean',
          required: false,
        },
        carLocationAfterRideText: {
          type: 'string',
          required: false,
        },
        carLocationAfterRideLat: {
          type: 'string',
          required: false,
        },
        carLocationAfterRideLong: {
          type: 'string',
          required: false,
        },
      },
      indexes: {
        bookingsByUser: {
          pk: {
            field: 'pk',
            composite: ['username'],
          },
          sk: {
            field: 'sk',
            composite: ['carId', 'startTime'],
          },
        },
        bookingsByCar: {
          index: 'get-bookings-by-car',
          pk: {
            field: 'gsi2pk',
            composite: ['carId'],
          },
          sk: {
            field: 'gsi2sk',
            composite: ['startTime', 'username'],
          },
        },
      },
    },
  },
  {
    name: 'ikushlianski/family-car-booking-backend:services/db/models/car.model.ts#CarModel',
    source: { repo: 'ikushlianski/family-car-booking-backend', path: 'services/db/models/car.model.ts', commit: '75a06ac9a32fa0dd2b6883c0345be800a18e3e58' },
    schema: {
      model: {
        entity: 'cars',
        version: '1',
        service: ELECTRO_DB_SERVICE,
      },
      attributes: {
        carId: {
          type: 'string', // license plate
          required: true,
        },
        username: {
          type: 'string',
          required: true,
        },
      },
      indexes: {
        carById: {
          pk: {
            field: 'pk',
            composite: ['carId'],
          },
          sk: {
            field: 'sk',
            composite: [],
          },
        },
      },
    },
  },
  {
    name: 'ikushlianski/family-car-booking-backend:services/db/models/user.model.ts#UserModel',
    source: { repo: 'ikushlianski/family-car-booking-backend', path: 'services/db/models/user.model.ts', commit: '75a06ac9a32fa0dd2b6883c0345be800a18e3e58' },
    schema: {
      model: {
        entity: 'users',
        version: '1',
        service: ELECTRO_DB_SERVICE,
      },
      attributes: {
        username: {
          type: 'string',
          required: true,
        },
        firstName: {
          type: 'string',
          required: true,
        },
        roles: {
          type: 'list',
          required: true,
          items: {
            type: 'string',
          },
        },
        availableCarIds: {
          type: 'list',
          required: true,
          items: {
            type: 'string',
          },
        },
        providedCarIds: {
          type: 'list',
          required: true,
          items: {
            type: 'string',
          },
        },
        notifications: {
          type: 'map',
          properties: {
            getNotifiedWhenBookingCreated: {
              type: 'boolean',
              default: false,
            },
            getNotifiedWhenBookingChanged: {
              type: 'boolean',
              default: false,
            },
          },
        },
        tgEnabled: {
          type: 'boolean',
          default: false,
        },
        rideCompletionText: {
          type: 'string',
        },
      },
      indexes: {
        username: {
          pk: {
            field: 'pk',
            composite: ['username'],
          },
          sk: {
            field: 'sk',
            composite: [],
          },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
