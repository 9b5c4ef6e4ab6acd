// What amazon-cognito-identity-js 6.3.21's objects have at run time but its index.d.ts does
// not declare, used as apps use them (apps reach for these with casts or module
// augmentation against the JS SDK): the instance properties of CognitoUser and
// CognitoUserPool, their storage and session helpers, `new CognitoUserPool(data, wrap)`'s
// property, and AuthenticationHelper. Compiled against this package only.
import { AuthenticationDetails, AuthenticationHelper, CognitoRefreshToken, CognitoUser, CognitoUserPool, CognitoUserSession, MemoryStorage } from 'amazon-cognito-identity-js';
import type { NodeCallback } from 'amazon-cognito-identity-js';

declare const session: CognitoUserSession;
const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '1example23456789', Storage: new MemoryStorage() });

// CognitoUserPool's properties ----------------------------------------------------------

const userPoolId: string = pool.userPoolId;
const clientId: string = pool.clientId;
const endpoint: string = pool.client.endpoint;
const credentials: 'omit' | 'same-origin' | 'include' | undefined = pool.client.fetchOptions.credentials;
const collect: boolean = pool.advancedSecurityDataCollectionFlag;
const fromStorage: string | null | undefined = pool.storage.getItem('k');
pool.storage.setItem('k', 'v');
pool.storage.removeItem('k');
const wrap: ((target: NodeCallback.Any) => NodeCallback.Any) | undefined = pool.wrapRefreshSessionCallback;
const wrapped = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '1example23456789' }, (target) => target);
wrapped.wrapRefreshSessionCallback?.((err, result) => console.log(err, result));
const poolContext = pool.getUserContextData('alice');
const poolEncoded: string | undefined = poolContext?.EncodedData;
console.log(userPoolId, clientId, endpoint, credentials, collect, fromStorage, wrap, poolEncoded);

// CognitoUser's properties: read, and written as apps write them ------------------------

const user = new CognitoUser({ Username: 'alice', Pool: pool });
const username: string = user.username;
const userPool: CognitoUserPool = user.pool;
const challengeSession: string | null = user.Session;
const client = user.client;
const signedIn: CognitoUserSession | null = user.signInUserSession;
const flow: string = user.authenticationFlowType;
const userStorage = user.storage;
const keyPrefix: string = user.keyPrefix;
const userDataKey: string = user.userDataKey;
const deviceKey: string | null | undefined = user.deviceKey;
const deviceGroupKey: string | null | undefined = user.deviceGroupKey;
const randomPassword: string | null | undefined = user.randomPassword;
console.log(username, userPool, challengeSession, client.endpoint, signedIn, flow, userStorage.getItem(userDataKey), keyPrefix,
	deviceKey, deviceGroupKey, randomPassword);

// A challenge answered from another CognitoUser: the Session handed over.
user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), {
	onSuccess() {},
	onFailure() {},
	customChallenge() {
		const saved = user.Session;
		const later = new CognitoUser({ Username: user.username, Pool: pool });
		later.Session = saved;
		later.sendCustomChallengeAnswer('answer', { onSuccess() {}, onFailure() {} });
	},
});
user.signInUserSession = session;
user.signInUserSession = null;
user.username = 'bob';
user.authenticationFlowType = 'USER_PASSWORD_AUTH';
user.deviceKey = null;
user.Session = null;

// CognitoUser's storage and session helpers ---------------------------------------------

const cached: void = user.cacheTokens();
user.cacheUserData({ Username: 'alice', UserAttributes: [] });
user.clearCachedUserData();
user.clearCachedUser();
user.clearCachedTokens();
user.getCachedDeviceKeyAndPassword();
if (user.deviceKey) user.cacheDeviceKeyAndPassword();
user.clearCachedDeviceKeyAndPassword();
user.revokeTokens();
user.revokeTokens((err) => console.log(err?.message));
const revocable: boolean = user.isSessionRevocable(session.getAccessToken());
user.cleanClientData();
const context = user.getUserContextData();
const encoded: string | undefined = context?.EncodedData;
const rebuilt: CognitoUserSession = user.getCognitoUserSession({ IdToken: 'id', AccessToken: 'access', RefreshToken: 'refresh' });
user.refreshSession(new CognitoRefreshToken({ RefreshToken: 'refresh' }), (err, fresh) => console.log(err, fresh));
console.log(cached, revocable, encoded, rebuilt);

// AuthenticationHelper: SRP done by the app (e.g. CUSTOM_AUTH with SRP_A) ----------------

const helper = new AuthenticationHelper(pool.getUserPoolName());
helper.getLargeAValue((err, largeA) => {
	if (err) throw err;
	const srpA: string = largeA.toString(16);
	console.log(srpA, helper.getSmallAValue().toString(16));
});
declare const serverB: { toString(radix?: number): string };
declare const salt: { toString(radix?: number): string };
helper.getPasswordAuthenticationKey('alice', 'Passw0rd!', serverB, salt, (err, hkdf) => {
	const key: Uint8Array = hkdf;
	console.log(err, key.length);
});
helper.generateHashDevice('group-key', 'device-key', (err) => {
	const verifier: string = helper.getVerifierDevices();
	const saltDevices: string = helper.getSaltDevices();
	const password: string = helper.getRandomPassword();
	console.log(err, verifier, saltDevices, password);
});
const prefix: string = helper.getNewPasswordRequiredChallengeUserAttributePrefix();
const hashed: string = helper.hash('text');
const hexHashed: string = helper.hexHash('00ff');
const padded: string = helper.padHex(helper.getSmallAValue());
const random: string = helper.generateRandomString();
const hkdf: Uint8Array = helper.computehkdf(new Uint8Array(32), new Uint8Array(32));
const u = helper.calculateU(serverB, serverB);
helper.calculateA(helper.generateRandomSmallA(), (err, a) => console.log(err, a.toString(16)));
helper.calculateS(u, serverB, (err, s) => console.log(err, s.toString(16)));
console.log(prefix, hashed, hexHashed, padded, random, hkdf);

export {};
