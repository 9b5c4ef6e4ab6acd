// amazon-cognito-identity-js README, Usage: "ES Modules, e.g. transpiling with Babel", with
// the module name changed. (The `require` form is checked in ../resolution/, with Node's
// module resolution.)

// ---- README snippet ----
// ES Modules, e.g. transpiling with Babel
import {
	CognitoUserPool,
	CognitoUserAttribute,
	CognitoUser,
} from 'cognito-identity-wasm';

// ---- typed, not any ----
const esmPool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...' });
const esmUser: CognitoUser = new CognitoUser({ Username: 'username', Pool: esmPool });
const esmAttribute: CognitoUserAttribute = new CognitoUserAttribute({ Name: 'email', Value: 'a@example.com' }).setValue('b@example.com');
