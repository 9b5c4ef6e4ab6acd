// Admin calls against a local Cognito (ministack or the project's emulator): create a
// pool and an app client, confirm users. Both accept the AWS JSON admin operations.
// ministack wants an Authorization header whose access key is `test`.
const AUTH = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0';

export async function adminCall(endpoint, operation, body) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      Authorization: AUTH,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) throw new Error(`${operation} failed (${res.status}): ${text}`);
  return data;
}

/**
 * A fresh user pool (email auto-verified, plus any other CreateUserPool fields in
 * `poolSettings`) with an app client allowing SRP, password and refresh flows, or `flows`.
 */
export async function createPoolAndClient(endpoint, { poolName = 'test-pool', flows, poolSettings = {} } = {}) {
  const pool = await adminCall(endpoint, 'CreateUserPool', { PoolName: poolName, AutoVerifiedAttributes: ['email'], ...poolSettings });
  const UserPoolId = pool.UserPool.Id;
  const client = await adminCall(endpoint, 'CreateUserPoolClient', {
    UserPoolId,
    ClientName: `${poolName}-web`,
    ExplicitAuthFlows: flows || ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return { UserPoolId, ClientId: client.UserPoolClient.ClientId, endpoint };
}

/** A username unique to this run, so tests never collide on a shared server. */
export function uniqueName(prefix = 'user') {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
