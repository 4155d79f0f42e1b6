export {
  connectDynamoDB,
  DynamoDBLocalStartError,
  findDynamoDBLocalDir,
  startDynamoDBLocal,
  type ConnectDynamoDBOptions,
  type DynamoDBLocalHandle,
  type StartDynamoDBLocalOptions,
} from './dynamodb-local.js';
export {
  DYNAMODB_ENDPOINT_ENV,
  DynamoDBEndpointUnreachableError,
  ENDPOINT_PROBE_TIMEOUT_MS,
  InvalidDynamoDBEndpointError,
  parseEndpoint,
  probeEndpoint,
  type ParsedEndpoint,
} from './endpoint.js';
export { JavaNotFoundError, MINIMUM_JAVA_MAJOR } from './java-runtime.js';
export { LOCAL_CREDENTIALS, LOCAL_REGION, createLocalClient } from './local-client.js';
export type { AnyEntity, EntityIndexKeys, EntityKeyLayout, KeyAttributeType, KeyField } from './entity-model.js';
export { readEntityKeyLayout } from './entity-model.js';
export { seededRandom } from './seeded-random.js';
export {
  createTableFor,
  entityTableName,
  tableDefinitionFor,
  type TableForOptions,
  type TableStreamView,
  type TestTable,
} from './entity-tables.js';
export {
  FAULT_KINDS,
  faultDraw,
  injectedFaultOf,
  injectFaults,
  isInjectedFault,
  type FaultCommand,
  type FaultInjector,
  type FaultRates,
  type InjectedFault,
  type InjectedFaultKind,
  type InjectedFaultRecord,
  type InjectFaultsOptions,
} from './fault-injection.js';
export {
  compareSequenceNumbers,
  injectStreamFaults,
  type StreamDelivery,
  type StreamFaultInjector,
  type StreamFaultLog,
  type StreamFaultOptions,
  type StreamRecordLike,
} from './stream-faults.js';
