// Hover fixture for scripts/check-type-hovers.mjs: entities of several services that share a
// name are told apart by their service.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tx } from '../../dist/index.js';
import { CrmCustomer, Customer } from '../../test/fixtures/shop-entities.js';

declare const client: DynamoDBClient;

export const /*hover*/customers = tx()
  .put(Customer, { customerId: 'c1', email: 'ann@example.com' })
  .put(CrmCustomer, { customerId: 'c1', segment: 'new' });

export const /*hover*/outcome = await customers.execute(client);
