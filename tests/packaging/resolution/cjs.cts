// A CommonJS module in a Node16 project: `require` resolves through "exports" → index.d.cts.
import AmazonCognitoIdentity = require('cognito-identity-wasm');

const pool = new AmazonCognitoIdentity.CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...' });
export const session: Promise<AmazonCognitoIdentity.CognitoUserSession> = pool.getCurrentUser()!.getSession();
// @ts-expect-error typed, not any
export const wrong: string = pool;
// The /internals subpath: "exports" → internals/index.d.cts.
import internals = require('cognito-identity-wasm/internals');
internals.addAuthCategoryToCognitoUserAgent();
// @ts-expect-error typed, not any
internals.addAuthCategoryToCognitoUserAgent('extra');
