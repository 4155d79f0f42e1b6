import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local accepts any region but rejects access keys that contain
 * anything other than letters and digits, so the defaults are fixed,
 * alphanumeric and never read from the developer's AWS profile (a test must
 * not pick up real credentials by accident).
 */
export const LOCAL_REGION = 'us-east-1';
/** The fixed, alphanumeric access keys every client of DynamoDB Local gets (see LOCAL_REGION for why they are fixed). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'dynatx', secretAccessKey: 'dynatx' } as const;

/** A DynamoDBClient for DynamoDB Local at `endpoint`, with LOCAL_REGION and LOCAL_CREDENTIALS; `config` adds or overrides client settings. */
export function createLocalClient(
  endpoint: string,
  config: Partial<DynamoDBClientConfig> = {},
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { ...LOCAL_CREDENTIALS },
    ...config,
  });
}
