// Deliberately wrong: without a callback getSession() returns a Promise, which has no
// isValid(). types.test.mjs expects exactly this error.
import { CognitoUser, CognitoUserPool } from 'cognito-identity-wasm';

const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...' });
const user = new CognitoUser({ Username: 'alice', Pool: pool });
user.getSession().isValid();
