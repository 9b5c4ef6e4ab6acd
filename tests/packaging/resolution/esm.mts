// An ES module in a Node16 project: `import` resolves through "exports" → index.d.ts.
import { CognitoUserPool, CognitoUser, AuthenticationDetails, type CognitoUserSession } from 'cognito-identity-wasm';

const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...' });
const user = new CognitoUser({ Username: 'alice', Pool: pool });
export const session: Promise<CognitoUserSession> = user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'pw' }));
// @ts-expect-error typed, not any
export const wrong: string = pool;
// The /internals subpath: "exports" → internals/index.d.ts.
import { addFrameworkToCognitoUserAgent } from 'cognito-identity-wasm/internals';
addFrameworkToCognitoUserAgent('react');
// @ts-expect-error typed, not any
addFrameworkToCognitoUserAgent(42);
