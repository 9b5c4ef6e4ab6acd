// Type declarations for cognito-identity-wasm/internals, the subpath of
// amazon-cognito-identity-js that Amplify imports to tag the x-amz-user-agent header. The
// build copies this file to pkg/internals/index.d.ts and pkg/internals/index.d.cts.

/** Adds Amplify's auth category to the x-amz-user-agent header of every later request. */
export function addAuthCategoryToCognitoUserAgent(): void;

/** Adds `framework/<content>` to the x-amz-user-agent header of every later request. */
export function addFrameworkToCognitoUserAgent(content: string): void;
