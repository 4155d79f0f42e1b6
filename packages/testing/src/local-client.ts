import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local accepts any region but rejects access keys that contain
 * anything other than letters and digits, so the defaults are fixed,
 * alphanumeric and never read from the developer's AWS profile (a test must
 * not pick up real credentials by accident).
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'dynatx', secretAccessKey: 'dynatx' } as const;

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
