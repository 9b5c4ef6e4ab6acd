// The package's `/internals` entry (the SDK's `amazon-cognito-identity-js/internals`):
// Amplify calls these to name itself in the X-Amz-User-Agent header. They change the
// state the main entry's requests read, so they are the main entry's own functions,
// re-exported, never a second copy (a copy would hold a second UserAgent).
//
// ES module, placed beside the package's main ES entry (which exports both names too);
// the CommonJS twin is
//   const { addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent } = require('./index.cjs');
//   module.exports = { addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent };
export { addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent } from './index.js';
