// The SDK's user agent: `UserAgent.prototype.userAgent` (a plain property apps may read
// or assign), `appendToCognitoUserAgent`, and the `/internals` entry's
// `addAuthCategoryToCognitoUserAgent` / `addFrameworkToCognitoUserAgent`. Every request's
// X-Amz-User-Agent header is `getAmplifyUserAgent()` as it reads at the time of the
// request, as the SDK's Client builds it.
//
// The starting text is the core's (src/protocol/mod.rs USER_AGENT: the SDK's
// `aws-amplify/5.0.4`, then our name and version): `CORE_USER_AGENT`, which
// scripts/build.mjs reads from the wasm it built (`now('userAgent')`) and writes into the
// entry as a literal, so that loading the package runs no wasm. The rest is the SDK's
// behaviour on data this file holds.

/** The category `addAuthCategoryToCognitoUserAgent` sets (the SDK's AUTH_CATEGORY). */
const USER_AGENT_AUTH_CATEGORY = 'auth';

// A function, not a class, as in the SDK: `UserAgent()` without `new` does not throw there.
function UserAgent() {}
UserAgent.prototype.userAgent = CORE_USER_AGENT;

/** Adds `content` to the user agent of every later request, once (not when already in it). */
const appendToCognitoUserAgent = (content) => {
  const current = UserAgent.prototype.userAgent;
  if (content && !current) UserAgent.prototype.userAgent = content;
  else if (content && !current.includes(content)) UserAgent.prototype.userAgent = current.concat(' ', content);
};

const addAuthCategoryToCognitoUserAgent = () => {
  UserAgent.category = USER_AGENT_AUTH_CATEGORY;
};

const addFrameworkToCognitoUserAgent = (framework) => {
  UserAgent.framework = framework;
};

/** The X-Amz-User-Agent header's value now: the user agent, then ` <category>` and
 * ` framework/<framework>` when set. */
function getAmplifyUserAgent() {
  const category = UserAgent.category ? ` ${UserAgent.category}` : '';
  const framework = UserAgent.framework ? ` framework/${UserAgent.framework}` : '';
  return `${UserAgent.prototype.userAgent}${category}${framework}`;
}
