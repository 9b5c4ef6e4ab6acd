// amazon-cognito-identity-js README, Usage: "Modules, e.g. Webpack", with the module name
// changed; plain JavaScript checked by TypeScript (checkJs), as editors do.

// ---- README snippet ----
// Modules, e.g. Webpack:
var AmazonCognitoIdentity = require('cognito-identity-wasm');
var CognitoUserPool = AmazonCognitoIdentity.CognitoUserPool;

// ---- typed, not any ----
/** @type {string} */
const clientId = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...' }).getClientId();
// @ts-expect-error ClientId is required
new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34' });
module.exports = { clientId };
