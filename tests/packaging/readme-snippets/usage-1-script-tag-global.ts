// amazon-cognito-identity-js README, Usage: "When using loose Javascript files". A script
// (no import): the global `AmazonCognitoIdentity` that amazon-cognito-identity.min.js
// defines, typed by the package's declarations (`export as namespace`).
/// <reference path="../../../pkg/index.d.ts" />

// ---- README snippet ----
// When using loose Javascript files:
var CognitoUserPool = AmazonCognitoIdentity.CognitoUserPool;

// ---- typed, not any ----
const scriptPool: AmazonCognitoIdentity.CognitoUserPool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...' });
const scriptClientId: string = scriptPool.getClientId();
