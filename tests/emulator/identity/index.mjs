// Cognito Identity operations (X-Amz-Target AWSCognitoIdentityService.<Op>) -> handler(ctx, input).
import credentials from './credentials.mjs';
import pools from './pools.mjs';

export const IDENTITY_OPERATIONS = Object.freeze({ ...pools, ...credentials });
