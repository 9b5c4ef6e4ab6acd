// Type declarations for cognito-identity-wasm: the API of amazon-cognito-identity-js 6.3.x
// (same names, classes, methods and callback shapes), plus a Promise form of every method
// whose last argument is a callback: leave the callback out and the method returns a
// Promise. The build copies this file to pkg/index.d.ts (ES module) and pkg/index.d.cts
// (CommonJS, `require`), and types/internals.d.ts to pkg/internals/index.d.ts.
//
// Never narrower than the JS SDK's index.d.ts: everything it declares is declared here with
// a type that accepts at least what its type accepts, in both directions (what an app
// passes in, and what it reads out: a field or callback parameter the JS SDK types `any` or
// `string` is `any` or `string` here too, even where it is really an object). Ours only adds:
// Promise overloads, members and exports the JS SDK has but does not declare, and new flows.
// Each callback-taking method's last overload is the JS SDK's own signature, so
// `Parameters<>`, `.bind` and `.call` see what they saw there.
// tests/packaging/type-corpus compiles one corpus against both under `tsc --strict`.

/** The global defined by `amazon-cognito-identity.min.js` (script tag). */
export as namespace AmazonCognitoIdentity;

// ---------------------------------------------------------------------------------------
// Errors and callbacks

/**
 * What every failure delivers (`onFailure(err)`, `callback(err, null)`, a rejected Promise):
 * an `Error` whose `code` and `name` are Cognito's error type (`NotAuthorizedException`,
 * `CodeMismatchException`, ...; `NetworkError` when `fetch` failed,
 * `UnexpectedResponseException` when the answer was not Cognito's JSON;
 * `WasmPanicException`, see `WasmPanicError`) and `message` its text. Argument checks (e.g.
 * "New password is required.") give a plain `Error` without `code`.
 */
export interface CognitoError extends Error {
	code?: string;
	/** The HTTP status, when the failure came from an HTTP answer. */
	statusCode?: number;
}

/**
 * A bug inside this library's wasm (a panic). Every call in flight at that moment fails with
 * it, once; methods without a callback throw it. Later calls work normally.
 */
export interface WasmPanicError extends CognitoError {
	code: 'WasmPanicException';
	name: 'WasmPanicException';
	/** `internal error in cognito-identity-wasm: ` and the panic's message. */
	message: string;
}

/**
 * Cognito asked for a challenge the callback object has no method for (or a Promise-form
 * call met any challenge). The sign-in waits for the answer: call `sendMFACode`,
 * `completeNewPasswordChallenge`, `sendCustomChallengeAnswer`, ... on the same user.
 */
export interface UnhandledChallengeError extends CognitoError {
	code: 'UnhandledChallengeException';
	challengeName: AnyChallengeName | (string & {});
	challengeParameters: { [name: string]: string };
	/** SELECT_CHALLENGE (USER_AUTH): the first factors on offer. */
	availableChallenges?: FirstFactor[];
}

/**
 * A Node-style callback, as amazon-cognito-identity-js types it. At run time it is called
 * once, with `(error, null)` on failure or `(null, result)` on success: test `err` for
 * truthiness (`if (err)`), not against `undefined`.
 */
export type NodeCallback<E, T> = (err?: E, result?: T) => void;
export namespace NodeCallback {
	export type Any = NodeCallback<Error | undefined, any>;
}

/** `updateAttributes`' callback, as amazon-cognito-identity-js types it. */
export type UpdateAttributesNodeCallback<E, T, K> = (err?: E, result?: T, details?: K) => void;

/**
 * Ours: how the methods type an inline `(err, result) => ...` callback. Its parameters get
 * the JS SDK's types (`err` possibly undefined, `result` possibly undefined), and checking
 * `err` narrows `result`: `(err, result) => { if (err) return; result.user }`. Any
 * `NodeCallback<E, T>` is one. (A success passes `null` as `err` at run time.)
 */
export type ResultCallback<E, T> = (...args: [err: E, result: undefined] | [err: undefined, result: T]) => void;

/** Ours: `ResultCallback` for `updateAttributes`' three parameters. */
export type UpdateAttributesResultCallback<E, T, K> = (
	...args: [err: E, result: undefined, details: undefined] | [err: undefined, result: T, details: K]
) => void;

/**
 * Ours: a Node-style callback whose parameters the app annotated in ways the JS SDK's
 * `NodeCallback` rejects under `strict`, e.g. `(err: any, session: CognitoUserSession) => ...`
 * or `(err: Error | null, session: CognitoUserSession | null) => ...`. Its parameters are
 * compared bivariantly.
 */
export type AnnotatedNodeCallback<E, T> = {
	bivarianceHack(err: E | null | undefined, result: T | null | undefined): void;
}['bivarianceHack'];

/** String-to-string data passed to Lambda triggers. */
export type ClientMetadata = { [key: string]: string } | undefined;

/** The challenges amazon-cognito-identity-js names (and its callbacks are called with). */
export type ChallengeName =
	| 'CUSTOM_CHALLENGE'
	| 'MFA_SETUP'
	| 'NEW_PASSWORD_REQUIRED'
	| 'SELECT_MFA_TYPE'
	| 'SMS_MFA'
	| 'SOFTWARE_TOKEN_MFA';

/** Ours: every challenge this package answers: `ChallengeName`, email MFA's and USER_AUTH's. */
export type AnyChallengeName = ChallengeName | 'EMAIL_OTP' | 'SMS_OTP' | 'SELECT_CHALLENGE' | 'WEB_AUTHN';

/** The code types `sendMFACode` answers (`SMS_OTP`: USER_AUTH's passwordless SMS code). */
export type MfaType = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' | 'SMS_OTP';

/** USER_AUTH's first factors, for `PreferredChallenge` and `sendSelectChallengeAnswer`. */
export type FirstFactor = 'PASSWORD_SRP' | 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export type AuthenticationFlowType = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH';

export interface CodeDeliveryDetails {
	AttributeName: string;
	DeliveryMedium: string;
	Destination: string;
}

/** UpdateUserAttributes' answer: where codes went for attributes that need verifying. */
export interface UpdateAttributesDetails {
	CodeDeliveryDetailsList?: CodeDeliveryDetails[];
}

/** What Cognito answers when it sent a code (resend, forgot password, attribute verification). */
export interface CodeDeliveryResult {
	CodeDeliveryDetails: CodeDeliveryDetails;
}

/**
 * The callback object of `authenticateUser`, `initiateAuth` and the calls that answer a
 * challenge. `onSuccess` gets the session; each challenge goes to its method. A challenge
 * without a method fails with `UnhandledChallengeException` (see `UnhandledChallengeError`).
 */
export interface IAuthenticationCallback {
	onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void;
	/** Gets a `CognitoError` (typed `any`, as by amazon-cognito-identity-js). */
	onFailure: (err: any) => void;
	/** NEW_PASSWORD_REQUIRED: the user's attributes and the names of those still required. */
	newPasswordRequired?: (userAttributes: any, requiredAttributes: any) => void;
	/** SMS_MFA */
	mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
	/** SOFTWARE_TOKEN_MFA */
	totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
	/** CUSTOM_CHALLENGE */
	customChallenge?: (challengeParameters: any) => void;
	/** MFA_SETUP: call `associateSoftwareToken`, then `verifySoftwareToken`. */
	mfaSetup?: (challengeName: ChallengeName, challengeParameters: any) => void;
	/** SELECT_MFA_TYPE: call `sendMFASelectionAnswer`. */
	selectMFAType?: (challengeName: ChallengeName, challengeParameters: any) => void;
	/** Lets this object be passed on to `associateSoftwareToken` during MFA_SETUP. */
	associateSecretCode?: (secretCode: string) => void;
	/** Ours: EMAIL_OTP (email MFA, or USER_AUTH's email code): call `sendMFACode(code, cb, 'EMAIL_OTP')`. */
	emailOtpRequired?: (challengeName: AnyChallengeName, challengeParameters: any) => void;
	/** Ours: SMS_OTP (USER_AUTH's SMS code): call `sendMFACode(code, cb, 'SMS_OTP')`. */
	smsOtpRequired?: (challengeName: AnyChallengeName, challengeParameters: any) => void;
	/** Ours: USER_AUTH's SELECT_CHALLENGE: call `sendSelectChallengeAnswer(factor, cb)`. */
	selectChallenge?: (availableChallenges: FirstFactor[], challengeParameters: any) => void;
}

/** `{ onSuccess, onFailure }` for calls that answer 'SUCCESS' (or other data). */
export interface ISuccessCallback<T = string, E = CognitoError> {
	onSuccess: (result: T) => void;
	onFailure: (err: E) => void;
}

/**
 * `forgotPassword` and `getAttributeVerificationCode`: `inputVerificationCode`, when given,
 * gets the delivery details (a `CodeDeliveryResult`, typed `any` as by the JS SDK) instead
 * of `onSuccess`.
 */
export interface IVerificationCodeCallback<T = any> {
	onSuccess: (result: T) => void;
	onFailure: (err: CognitoError) => void;
	inputVerificationCode?: ((data: any) => void) | null;
}

export interface IAssociateSoftwareTokenCallback {
	/** Gets the TOTP secret (base32) to show the user, e.g. as a QR code. */
	associateSecretCode?: (secretCode: string) => void;
	/** Gets a `CognitoError` (typed `any`, as by amazon-cognito-identity-js). */
	onFailure: (err: any) => void;
}

/** VerifySoftwareToken's answer, for a signed-in user (outside the MFA_SETUP challenge). */
export interface VerifySoftwareTokenResult {
	Status: 'SUCCESS' | 'ERROR';
	Session?: string;
}

export interface IVerifySoftwareTokenCallback {
	/**
	 * During MFA_SETUP: the `CognitoUserSession` (the sign-in is complete). Otherwise
	 * VerifySoftwareToken's answer, a `VerifySoftwareTokenResult`. Typed `any`: the JS SDK
	 * types it as a session.
	 */
	onSuccess: (result: any) => void;
	onFailure: (err: CognitoError) => void;
}

// ---------------------------------------------------------------------------------------
// Storage

/** Where sessions are kept: localStorage by default, or anything with these methods. */
export interface ICognitoStorage {
	setItem(key: string, value: string): void;
	getItem(key: string): string | null;
	removeItem(key: string): void;
	clear(): void;
}

/**
 * Ours: every storage the pool and users accept (`Storage`) and hold (`storage`): an
 * `ICognitoStorage`, or one whose `getItem` answers `undefined` for a missing key
 * (`MemoryStorage`). `clear` is never called.
 */
export interface CognitoStorageLike {
	setItem(key: string, value: string): unknown;
	getItem(key: string): string | null | undefined;
	removeItem(key: string): unknown;
	clear?(): unknown;
}

export interface ICookieStorageData {
	/** Default: the page's domain (no subdomains). */
	domain?: string;
	/** Default: '/'. */
	path?: string;
	/** Days (default 365). The constructor also takes a Date. */
	expires?: number;
	/** Default: true. */
	secure?: boolean;
	sameSite?: 'strict' | 'lax' | 'none';
}

/** Keeps the tokens in cookies (js-cookie's format), e.g. to share a session between subdomains. */
export class CookieStorage implements ICognitoStorage {
	/** Throws for a `sameSite` other than 'strict' | 'lax' | 'none', or 'none' without `secure`. */
	constructor(data?: Omit<ICookieStorageData, 'expires'> & { expires?: number | Date });
	/** Writes the cookie. (Returns what reading it back gives, undefined if the browser refused it.) */
	setItem(key: string, value: string): void;
	/** The cookie's value (null when there is none). */
	getItem(key: string): string;
	removeItem(key: string): void;
	/** Removes every cookie the page can read (with this storage's path and domain). */
	clear(): void;
	/** Set only when the constructor was given one, as in the JS SDK. */
	domain?: string;
	path: string;
	expires: number | Date;
	secure: boolean;
	sameSite: 'strict' | 'lax' | 'none' | null;
}

/**
 * In-memory storage, shared by every instance in this JS context: what the pool uses when
 * there is no usable localStorage (Node, some private modes, workers).
 */
export class MemoryStorage implements CognitoStorageLike {
	constructor();
	setItem(key: string, value: string): string;
	getItem(key: string): string | undefined;
	removeItem(key: string): boolean;
	clear(): void;
}

// ---------------------------------------------------------------------------------------
// User pool

export interface ICognitoUserPoolData {
	/** `<region>_<id>`, e.g. 'us-east-1_aB12cDe34'. */
	UserPoolId: string;
	/** An app client without a secret. */
	ClientId: string;
	/** Default: `https://cognito-idp.<region>.amazonaws.com/`. */
	endpoint?: string;
	/** Default: localStorage, else `MemoryStorage` (the constructor takes any `CognitoStorageLike`). */
	Storage?: ICognitoStorage;
	/**
	 * Default true: when the page defines `AmazonCognitoAdvancedSecurityData`, its
	 * `getData(username, userPoolId, clientId)` is sent as UserContextData. `false`: it is
	 * not asked; requests then carry an empty `UserContextData`, as with the JS SDK.
	 */
	AdvancedSecurityDataCollectionFlag?: boolean;
	/** Only `credentials` is used, as by amazon-cognito-identity-js. */
	fetchOptions?: { credentials?: 'omit' | 'same-origin' | 'include' };
	/**
	 * Ours: the app client rotates refresh tokens: refresh through GetTokensFromRefreshToken
	 * (and store the new refresh token) instead of InitiateAuth REFRESH_TOKEN_AUTH.
	 */
	refreshTokenRotation?: boolean;
	/**
	 * Ours: the secret of an app client that has one. SECRET_HASH is then added to every
	 * operation that needs it. Server-side use only (Node, SSR): in a browser it is public.
	 */
	ClientSecret?: string;
}

/** What `new CognitoUserPool` takes: `ICognitoUserPoolData`, with any `CognitoStorageLike` as `Storage`. */
export interface CognitoUserPoolOptions extends Omit<ICognitoUserPoolData, 'Storage'> {
	Storage?: CognitoStorageLike;
}

export interface ISignUpResult {
	user: CognitoUser;
	userConfirmed: boolean;
	userSub: string;
	/** Undefined when Cognito sent no code (no auto-verified attribute), whatever the JS SDK's typings say. */
	codeDeliveryDetails: CodeDeliveryDetails;
}

export type AttributeList = (CognitoUserAttribute | ICognitoUserAttributeData)[];

/** The request settings a pool holds (`pool.client`, shared by its users' `user.client`). */
export interface CognitoClient {
	/** `https://cognito-idp.<region>.amazonaws.com/` unless the pool data gave `endpoint`. */
	endpoint: string;
	fetchOptions: { credentials?: 'omit' | 'same-origin' | 'include' };
}

/** What the advanced-security collector gave (`{}` when collection is off or it gave nothing). */
export interface UserContextData {
	EncodedData?: string;
}

export class CognitoUserPool {
	/**
	 * Throws for a missing or malformed UserPoolId or ClientId. `wrapRefreshSessionCallback`
	 * wraps the callback of every `refreshSession` of this pool's users.
	 */
	constructor(data: CognitoUserPoolOptions, wrapRefreshSessionCallback?: (target: NodeCallback.Any) => NodeCallback.Any);

	userPoolId: string;
	clientId: string;
	client: CognitoClient;
	/** `AdvancedSecurityDataCollectionFlag !== false` */
	advancedSecurityDataCollectionFlag: boolean;
	storage: CognitoStorageLike;
	/** Present only when given to the constructor. */
	wrapRefreshSessionCallback?: (target: NodeCallback.Any) => NodeCallback.Any;

	getUserPoolId(): string;
	/** The part of the pool id after the underscore. */
	getUserPoolName(): string;
	getClientId(): string;
	/** Ours. */
	readonly endpoint: string;
	/** Ours. */
	readonly fetchOptions: { credentials?: 'omit' | 'same-origin' | 'include' };
	/** Ours. */
	readonly refreshTokenRotation: boolean;
	/** Ours: the `ClientSecret` from the pool data, if any. */
	readonly clientSecret: string | undefined;

	/** Registers a user. The result's `user` is a `CognitoUser` for the new username. */
	signUp(
		username: string,
		password: string,
		userAttributes: AttributeList | null | undefined,
		validationData: AttributeList | null | undefined,
		callback: ResultCallback<CognitoError, ISignUpResult>,
		clientMetadata?: ClientMetadata
	): void;
	signUp(
		username: string,
		password: string,
		userAttributes: AttributeList | null | undefined,
		validationData: AttributeList | null | undefined,
		callback: AnnotatedNodeCallback<CognitoError, ISignUpResult>,
		clientMetadata?: ClientMetadata
	): void;
	signUp(
		username: string,
		password: string,
		userAttributes?: AttributeList | null,
		validationData?: AttributeList | null,
		callback?: null,
		clientMetadata?: ClientMetadata
	): Promise<ISignUpResult>;
	signUp(
		username: string,
		password: string,
		userAttributes: CognitoUserAttribute[],
		validationData: CognitoUserAttribute[],
		callback: NodeCallback<Error, ISignUpResult>,
		clientMetadata?: ClientMetadata
	): void;

	/** The user who signed in last with this app client (from storage), or null. */
	getCurrentUser(): CognitoUser | null;

	/**
	 * The advanced-security data for `username`: undefined when the page has no
	 * `AmazonCognitoAdvancedSecurityData`, else `{ EncodedData }` (`{}` when collection is off
	 * or it gave nothing).
	 */
	getUserContextData(username: string): UserContextData | undefined;

	/**
	 * Ours: calls `listener` on every session change of this app client — a sign-in,
	 * refresh or sign-out in this tab, or in another tab of the same origin
	 * (`otherTab: true`). Returns a function that removes the listener.
	 */
	onSessionChange(listener: (event: SessionChangeEvent) => void): () => void;
}

export interface SessionChangeEvent {
	type: 'signIn' | 'refresh' | 'signOut';
	/** The user whose session changed ('' when another tab cleared all of localStorage). */
	username: string;
	/** True when the change was made by another tab. */
	otherTab: boolean;
}

// ---------------------------------------------------------------------------------------
// User

export interface ICognitoUserData {
	Username: string;
	Pool: CognitoUserPool;
	/** Default: the pool's storage (the constructor takes any `CognitoStorageLike`). */
	Storage?: ICognitoStorage;
}

/** What `new CognitoUser` takes: `ICognitoUserData`, with any `CognitoStorageLike` as `Storage`. */
export interface CognitoUserOptions extends Omit<ICognitoUserData, 'Storage'> {
	Storage?: CognitoStorageLike;
}

export interface GetSessionOptions {
	clientMetadata: Record<string, string>;
}

export interface GetUserDataOptions {
	/** Ask Cognito (GetUser) instead of the cached copy, and refresh the session. */
	bypassCache?: boolean;
	clientMetadata?: Record<string, string>;
}

export interface IMfaSettings {
	PreferredMfa: boolean;
	Enabled: boolean;
}

export interface MFAOption {
	DeliveryMedium: 'SMS' | 'EMAIL';
	AttributeName: string;
}

/**
 * GetUser's answer. Cognito leaves out `MFAOptions`, `PreferredMfaSetting` and
 * `UserMFASettingList` when they are empty, whatever the JS SDK's typings say.
 */
export interface UserData {
	MFAOptions: MFAOption[];
	PreferredMfaSetting: string;
	UserAttributes: ICognitoUserAttributeData[];
	UserMFASettingList: string[];
	Username: string;
}

/** The tokens of an InitiateAuth / RespondToAuthChallenge `AuthenticationResult`. */
export interface AuthenticationResultTokens {
	IdToken: string;
	AccessToken: string;
	RefreshToken?: string;
}

export class CognitoUser {
	constructor(data: CognitoUserOptions);

	/** The user name (after an SRP sign-in: the `USER_ID_FOR_SRP` Cognito answered). */
	username: string;
	pool: CognitoUserPool;
	/**
	 * The session of a challenge under way: read it in a challenge callback and assign it to
	 * another `CognitoUser` of the same name to answer from there.
	 */
	Session: string | null;
	/** `pool.client` */
	client: CognitoClient;
	signInUserSession: CognitoUserSession | null;
	/** 'USER_SRP_AUTH' unless set. */
	authenticationFlowType: string;
	storage: CognitoStorageLike;
	/** `CognitoIdentityServiceProvider.<clientId>`: the prefix of this user's storage keys. */
	keyPrefix: string;
	/** `<keyPrefix>.<username>.userData`: where `getUserData` caches GetUser's answer. */
	userDataKey: string;
	/** The last challenge name of a sign-in. */
	challengeName?: ChallengeName;
	/** This browser's remembered device, once a sign-in or `getCachedDeviceKeyAndPassword` read it. */
	deviceKey?: string | null;
	deviceGroupKey?: string | null;
	/** The device's secret, as stored. */
	randomPassword?: string | null;

	getUsername(): string;
	/** 'USER_SRP_AUTH' unless set. */
	getAuthenticationFlowType(): string;
	/**
	 * 'USER_SRP_AUTH' (default), 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH' or 'USER_AUTH' (used by
	 * `authenticateUser`). Returns undefined at run time; typed `any` because the JS SDK's
	 * typings say string.
	 */
	setAuthenticationFlowType(authenticationFlowType: AuthenticationFlowType | (string & {})): any;
	getSignInUserSession(): CognitoUserSession | null;
	/** Sets the session (as a sign-in would). */
	setSignInUserSession(signInUserSession: CognitoUserSession): void;

	// Storage ----------------------------------------------------------------------------

	/** Writes `signInUserSession`'s tokens, clock drift and LastAuthUser to storage. */
	cacheTokens(): void;
	/** Removes this user's tokens, clock drift and LastAuthUser from storage. */
	clearCachedTokens(): void;
	/** Stores GetUser's answer (JSON) under `userDataKey`. */
	cacheUserData(userData: unknown): void;
	clearCachedUserData(): void;
	/** `clearCachedTokens` and `clearCachedUserData`. */
	clearCachedUser(): void;
	/** Stores `deviceKey`, `randomPassword` and `deviceGroupKey`. */
	cacheDeviceKeyAndPassword(): void;
	/** Reads the remembered device (`deviceKey`, `randomPassword`, `deviceGroupKey`) from storage, if there is one. */
	getCachedDeviceKeyAndPassword(): void;
	clearCachedDeviceKeyAndPassword(): void;
	/** Forgets `signInUserSession` and clears the cached tokens and user data. */
	cleanClientData(): void;
	/** A session made of an AuthenticationResult's tokens. */
	getCognitoUserSession(authResult: AuthenticationResultTokens): CognitoUserSession;
	/** `pool.getUserContextData(username)` */
	getUserContextData(): UserContextData | undefined;

	// Sign-in ----------------------------------------------------------------------------

	/**
	 * Signs in with the flow set by `setAuthenticationFlowType` (SRP by default). Without a
	 * callback object: a Promise of the session, rejected with `UnhandledChallengeError`
	 * when Cognito asks for a challenge.
	 */
	authenticateUser(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void;
	authenticateUser(authenticationDetails: AuthenticationDetails, callbacks?: null): Promise<CognitoUserSession>;
	authenticateUser(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void;

	/** CUSTOM_AUTH without SRP: sends the details' AuthParameters. */
	initiateAuth(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void;
	initiateAuth(authenticationDetails: AuthenticationDetails, callbacks?: null): Promise<CognitoUserSession>;
	initiateAuth(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void;

	/** Answers SMS_MFA (the default), SOFTWARE_TOKEN_MFA, EMAIL_OTP or SMS_OTP. */
	sendMFACode(
		confirmationCode: string,
		callbacks: IAuthenticationCallback,
		mfaType?: MfaType | (string & {}) | null,
		clientMetadata?: ClientMetadata
	): void;
	sendMFACode(
		confirmationCode: string,
		callbacks?: null,
		mfaType?: MfaType | null,
		clientMetadata?: ClientMetadata
	): Promise<CognitoUserSession>;
	sendMFACode(
		confirmationCode: string,
		callbacks: {
			onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void;
			onFailure: (err: any) => void;
		},
		mfaType?: string,
		clientMetadata?: ClientMetadata
	): void;

	/** Answers SELECT_MFA_TYPE; Cognito then asks for that MFA's code. */
	sendMFASelectionAnswer(
		answerChallenge: MfaType | (string & {}),
		callbacks: {
			onSuccess: (session: CognitoUserSession) => void;
			/** Gets a `CognitoError` (typed `any`, as by amazon-cognito-identity-js). */
			onFailure: (err: any) => void;
			mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
			totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
		}
	): void;
	sendMFASelectionAnswer(answerChallenge: MfaType | (string & {}), callbacks?: null): Promise<CognitoUserSession>;
	sendMFASelectionAnswer(
		answerChallenge: string,
		callbacks: {
			onSuccess: (session: CognitoUserSession) => void;
			onFailure: (err: any) => void;
			mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
			totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
		}
	): void;

	/** Answers NEW_PASSWORD_REQUIRED; `requiredAttributeData` maps attribute names to values. */
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData: any,
		callbacks: IAuthenticationCallback,
		clientMetadata?: ClientMetadata
	): void;
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData?: { [name: string]: any } | null,
		callbacks?: null,
		clientMetadata?: ClientMetadata
	): Promise<CognitoUserSession>;
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData: any,
		callbacks: IAuthenticationCallback,
		clientMetadata?: ClientMetadata
	): void;

	/** Answers CUSTOM_CHALLENGE. */
	sendCustomChallengeAnswer(answerChallenge: any, callbacks: IAuthenticationCallback, clientMetadata?: ClientMetadata): void;
	sendCustomChallengeAnswer(answerChallenge: string, callbacks?: null, clientMetadata?: ClientMetadata): Promise<CognitoUserSession>;
	sendCustomChallengeAnswer(answerChallenge: any, callback: IAuthenticationCallback, clientMetaData?: ClientMetadata): void;

	/** Starts TOTP set-up (during MFA_SETUP, or for a signed-in user). The Promise gives the secret. */
	associateSoftwareToken(callbacks: IAssociateSoftwareTokenCallback): void;
	associateSoftwareToken(callbacks?: null): Promise<string>;
	associateSoftwareToken(callbacks: { associateSecretCode: (secretCode: string) => void; onFailure: (err: any) => void }): void;

	/** Finishes TOTP set-up with a code from the authenticator app. */
	verifySoftwareToken(totpCode: string, friendlyDeviceName: string | null | undefined, callbacks: IVerifySoftwareTokenCallback): void;
	verifySoftwareToken(
		totpCode: string,
		friendlyDeviceName?: string | null,
		callbacks?: null
	): Promise<CognitoUserSession | VerifySoftwareTokenResult>;
	verifySoftwareToken(
		totpCode: string,
		friendlyDeviceName: string,
		callbacks: { onSuccess: (session: CognitoUserSession) => void; onFailure: (err: Error) => void }
	): void;

	// Session ----------------------------------------------------------------------------

	/** The valid session (from memory or storage), refreshed first when it has expired. */
	getSession(callback: ResultCallback<CognitoError, CognitoUserSession>, options?: Partial<GetSessionOptions>): void;
	getSession(callback: AnnotatedNodeCallback<CognitoError, CognitoUserSession>, options?: Partial<GetSessionOptions>): void;
	getSession(callback?: null, options?: Partial<GetSessionOptions>): Promise<CognitoUserSession>;
	getSession(
		callback: ((error: Error, session: null) => void) | ((error: null, session: CognitoUserSession) => void),
		options?: GetSessionOptions
	): void;

	/** Refreshes with `refreshToken`; the callback gets the new `CognitoUserSession` (typed `any`, as by the JS SDK). */
	refreshSession(refreshToken: CognitoRefreshToken, callback: ResultCallback<any, any>, clientMetadata?: ClientMetadata): void;
	refreshSession(refreshToken: CognitoRefreshToken, callback?: null, clientMetadata?: ClientMetadata): Promise<CognitoUserSession>;
	refreshSession(refreshToken: CognitoRefreshToken, callback: NodeCallback<any, any>, clientMetadata?: ClientMetadata): void;

	/**
	 * Without a callback: clears this user's tokens from storage at once (and returns a
	 * resolved Promise). With one: revokes the refresh token first, clears local data
	 * either way, then calls back with the revocation error, if any.
	 */
	signOut(callback: (err?: CognitoError) => void): void;
	signOut(callback?: null): Promise<void>;
	signOut(callback?: () => void): void;

	/** RevokeToken for the refresh token when the session is revocable; calls back with the error, if any. */
	revokeTokens(revokeTokenCallback?: (err?: Error) => void): void;
	/** Whether `token` (an access token) carries `origin_jti`, i.e. can be revoked. */
	isSessionRevocable(token?: { decodePayload(): { [key: string]: any } } | null): boolean;

	/** Invalidates every token of the user (all devices), then clears local data. */
	globalSignOut(callbacks: ISuccessCallback<string>): void;
	globalSignOut(callbacks?: null): Promise<'SUCCESS'>;
	globalSignOut(callbacks: { onSuccess: (msg: string) => void; onFailure: (err: Error) => void }): void;

	// Registration -----------------------------------------------------------------------

	/** The callback gets 'SUCCESS' (typed `any`, as by the JS SDK). */
	confirmRegistration(
		code: string,
		forceAliasCreation: boolean,
		callback: ResultCallback<any, any>,
		clientMetadata?: ClientMetadata
	): void;
	confirmRegistration(code: string, forceAliasCreation?: boolean, callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;
	confirmRegistration(code: string, forceAliasCreation: boolean, callback: NodeCallback<any, any>, clientMetadata?: ClientMetadata): void;

	/** The callback gets a `CodeDeliveryResult` (typed `any`, as by the JS SDK). */
	resendConfirmationCode(callback: ResultCallback<CognitoError, any>, clientMetadata?: ClientMetadata): void;
	resendConfirmationCode(callback: AnnotatedNodeCallback<CognitoError, any>, clientMetadata?: ClientMetadata): void;
	resendConfirmationCode(callback?: null, clientMetadata?: ClientMetadata): Promise<CodeDeliveryResult>;
	resendConfirmationCode(callback: NodeCallback<Error, any>, clientMetaData?: ClientMetadata): void;

	// Passwords --------------------------------------------------------------------------

	changePassword(
		oldPassword: string,
		newPassword: string,
		callback: ResultCallback<CognitoError, 'SUCCESS'>,
		clientMetadata?: ClientMetadata
	): void;
	changePassword(
		oldPassword: string,
		newPassword: string,
		callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>,
		clientMetadata?: ClientMetadata
	): void;
	changePassword(oldPassword: string, newPassword: string, callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;
	changePassword(oldPassword: string, newPassword: string, callback: NodeCallback<Error, 'SUCCESS'>, clientMetadata?: ClientMetadata): void;

	/** Sends a reset code. `inputVerificationCode` (else `onSuccess`) gets the delivery details (`CodeDeliveryResult`). */
	forgotPassword(callbacks: IVerificationCodeCallback<any>, clientMetadata?: ClientMetadata): void;
	forgotPassword(callbacks?: null, clientMetadata?: ClientMetadata): Promise<CodeDeliveryResult>;
	forgotPassword(
		callbacks: { onSuccess: (data: any) => void; onFailure: (err: Error) => void; inputVerificationCode?: (data: any) => void },
		clientMetaData?: ClientMetadata
	): void;

	confirmPassword(verificationCode: string, newPassword: string, callbacks: ISuccessCallback<string>, clientMetadata?: ClientMetadata): void;
	confirmPassword(verificationCode: string, newPassword: string, callbacks?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;
	confirmPassword(
		verificationCode: string,
		newPassword: string,
		callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void },
		clientMetaData?: ClientMetadata
	): void;

	// Attributes and user data (these need a session: sign in or call getSession first) --

	getUserAttributes(callback: ResultCallback<CognitoError, CognitoUserAttribute[]>): void;
	getUserAttributes(callback: AnnotatedNodeCallback<CognitoError, CognitoUserAttribute[]>): void;
	getUserAttributes(callback?: null): Promise<CognitoUserAttribute[]>;
	getUserAttributes(callback: NodeCallback<Error, CognitoUserAttribute[]>): void;

	/**
	 * Calls back `(null, 'SUCCESS', details)` (details: UpdateUserAttributes' answer, an
	 * `UpdateAttributesDetails` typed `any` as by the JS SDK); the Promise gives 'SUCCESS'.
	 */
	updateAttributes(
		attributes: AttributeList,
		callback: UpdateAttributesResultCallback<CognitoError, 'SUCCESS', any>,
		clientMetadata?: ClientMetadata
	): void;
	updateAttributes(
		attributes: AttributeList,
		callback: {
			bivarianceHack(err: CognitoError | null | undefined, result?: 'SUCCESS' | null, details?: any): void;
		}['bivarianceHack'],
		clientMetadata?: ClientMetadata
	): void;
	updateAttributes(attributes: AttributeList, callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;
	updateAttributes(
		attributes: (CognitoUserAttribute | ICognitoUserAttributeData)[],
		callback: UpdateAttributesNodeCallback<Error, string, any>,
		clientMetadata?: ClientMetadata
	): void;

	deleteAttributes(attributeList: string[], callback: ResultCallback<CognitoError, 'SUCCESS'>): void;
	deleteAttributes(attributeList: string[], callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>): void;
	deleteAttributes(attributeList: string[], callback?: null): Promise<'SUCCESS'>;
	deleteAttributes(attributeList: string[], callback: NodeCallback<Error, string>): void;

	/**
	 * Sends a code to verify an attribute. With `inputVerificationCode` that method gets the
	 * delivery details, else `onSuccess('SUCCESS')`. The Promise gives the delivery details.
	 */
	getAttributeVerificationCode(name: string, callbacks: IVerificationCodeCallback<string>, clientMetadata?: ClientMetadata): void;
	getAttributeVerificationCode(name: string, callbacks?: null, clientMetadata?: ClientMetadata): Promise<CodeDeliveryResult>;
	getAttributeVerificationCode(
		name: string,
		callback: {
			onSuccess: (success: string) => void;
			onFailure: (err: Error) => void;
			inputVerificationCode?: (data: string) => void | null;
		},
		clientMetadata?: ClientMetadata
	): void;

	verifyAttribute(attributeName: string, confirmationCode: string, callbacks: ISuccessCallback<string>): void;
	verifyAttribute(attributeName: string, confirmationCode: string, callbacks?: null): Promise<'SUCCESS'>;
	verifyAttribute(
		attributeName: string,
		confirmationCode: string,
		callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }
	): void;

	/** GetUser's answer: cached in storage unless `params` (a `GetUserDataOptions`) says `bypassCache`. */
	getUserData(callback: ResultCallback<CognitoError, UserData>, params?: any): void;
	getUserData(callback: AnnotatedNodeCallback<CognitoError, UserData>, params?: any): void;
	getUserData(callback?: null, params?: GetUserDataOptions): Promise<UserData>;
	getUserData(callback: NodeCallback<Error, UserData>, params?: any): void;

	/** Deletes the user and clears the local session. */
	deleteUser(callback: ResultCallback<CognitoError, 'SUCCESS'>, clientMetadata?: ClientMetadata): void;
	deleteUser(callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>, clientMetadata?: ClientMetadata): void;
	deleteUser(callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;
	deleteUser(callback: NodeCallback<Error, string>): void;

	// MFA settings -----------------------------------------------------------------------

	/** Legacy SMS MFA on (prefer `setUserMfaPreference`). */
	enableMFA(callback: ResultCallback<CognitoError, 'SUCCESS'>): void;
	enableMFA(callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>): void;
	enableMFA(callback?: null): Promise<'SUCCESS'>;
	enableMFA(callback: NodeCallback<Error, string>): void;

	/** Legacy SMS MFA off (prefer `setUserMfaPreference`). */
	disableMFA(callback: ResultCallback<CognitoError, 'SUCCESS'>): void;
	disableMFA(callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>): void;
	disableMFA(callback?: null): Promise<'SUCCESS'>;
	disableMFA(callback: NodeCallback<Error, string>): void;

	/** GetUser's legacy `MFAOptions` (undefined when there are none). */
	getMFAOptions(callback: ResultCallback<CognitoError, MFAOption[] | undefined>): void;
	getMFAOptions(callback: AnnotatedNodeCallback<CognitoError, MFAOption[] | undefined>): void;
	getMFAOptions(callback?: null): Promise<MFAOption[] | undefined>;
	getMFAOptions(callback: NodeCallback<Error, MFAOption[]>): void;

	/**
	 * Sets which MFA types are enabled and preferred (null leaves one unchanged). The fourth
	 * argument, email MFA, is this package's addition.
	 */
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback: ResultCallback<CognitoError, 'SUCCESS'>,
		emailMfaSettings?: IMfaSettings | null
	): void;
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>,
		emailMfaSettings?: IMfaSettings | null
	): void;
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback?: null,
		emailMfaSettings?: IMfaSettings | null
	): Promise<'SUCCESS'>;
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback: NodeCallback<Error, string>
	): void;

	// Remembered devices -----------------------------------------------------------------

	/**
	 * The remembered device of this browser (GetDevice). `onSuccess` gets a `DeviceResult`,
	 * typed `any` (the JS SDK types it as a string); the Promise gives the `DeviceResult`.
	 */
	getDevice(callbacks: ISuccessCallback<any>): any;
	getDevice(callbacks?: null): Promise<DeviceResult>;
	getDevice(callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): any;

	/** The user's remembered devices: `onSuccess` gets a `DeviceList` (typed `any`, as by the JS SDK). */
	listDevices(limit: number, paginationToken: string | null, callbacks: ISuccessCallback<any>): void;
	listDevices(limit: number, paginationToken?: string | null, callbacks?: null): Promise<DeviceList>;
	listDevices(
		limit: number,
		paginationToken: string | null,
		callbacks: { onSuccess: (data: any) => void; onFailure: (err: Error) => void }
	): void;

	/** `onFailure` gets a `CognitoError` (typed `any`, as by the JS SDK). */
	setDeviceStatusRemembered(callbacks: ISuccessCallback<string, any>): void;
	setDeviceStatusRemembered(callbacks?: null): Promise<'SUCCESS'>;
	setDeviceStatusRemembered(callbacks: { onSuccess: (success: string) => void; onFailure: (err: any) => void }): void;

	/** `onFailure` gets a `CognitoError` (typed `any`, as by the JS SDK). */
	setDeviceStatusNotRemembered(callbacks: ISuccessCallback<string, any>): void;
	setDeviceStatusNotRemembered(callbacks?: null): Promise<'SUCCESS'>;
	setDeviceStatusNotRemembered(callbacks: { onSuccess: (success: string) => void; onFailure: (err: any) => void }): void;

	/** Forgets this browser's device (at Cognito and here): the next sign-in runs the full flow. */
	forgetDevice(callbacks: ISuccessCallback<string>): void;
	forgetDevice(callbacks?: null): Promise<'SUCCESS'>;
	forgetDevice(callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): void;

	forgetSpecificDevice(deviceKey: string, callbacks: ISuccessCallback<string>): void;
	forgetSpecificDevice(deviceKey: string, callbacks?: null): Promise<'SUCCESS'>;
	forgetSpecificDevice(deviceKey: string, callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): void;

	// USER_AUTH and passkeys (ours) ------------------------------------------------------

	/** Ours, USER_AUTH: answers `selectChallenge` with the first factor picked. */
	sendSelectChallengeAnswer(answer: FirstFactor, callbacks: IAuthenticationCallback): void;
	sendSelectChallengeAnswer(answer: FirstFactor, callbacks?: null): Promise<CognitoUserSession>;

	/** Ours: creates a passkey in the browser and registers it with Cognito. */
	registerPasskey(callback: ResultCallback<CognitoError, 'SUCCESS'>): void;
	registerPasskey(callback?: null): Promise<'SUCCESS'>;
	/** Ours: the user's passkeys. */
	listPasskeys(callback: ResultCallback<CognitoError, PasskeyList>, params?: { maxResults?: number; nextToken?: string }): void;
	listPasskeys(callback?: null, params?: { maxResults?: number; nextToken?: string }): Promise<PasskeyList>;
	/** Ours: removes a passkey. */
	deletePasskey(credentialId: string, callback: ResultCallback<CognitoError, 'SUCCESS'>): void;
	deletePasskey(credentialId: string, callback?: null): Promise<'SUCCESS'>;
}

export interface DeviceType {
	DeviceKey: string;
	DeviceAttributes?: Array<{ Name: string; Value: string }>;
	DeviceCreateDate?: number;
	DeviceLastModifiedDate?: number;
	DeviceLastAuthenticatedDate?: number;
}

export interface DeviceResult {
	Device: DeviceType;
}

export interface DeviceList {
	Devices: DeviceType[];
	PaginationToken?: string;
}

export interface PasskeyList {
	Credentials: Array<{
		CredentialId: string;
		FriendlyCredentialName?: string;
		RelyingPartyId: string;
		AuthenticatorAttachment?: string;
		AuthenticatorTransports?: string[];
		CreatedAt: number;
	}>;
	NextToken?: string;
}

// ---------------------------------------------------------------------------------------
// Values

export interface IAuthenticationDetailsData {
	Username: string;
	Password?: string;
	/** Sent as ClientMetadata to the sign-in triggers (takes precedence over ClientMetadata). */
	ValidationData?: { [key: string]: any };
	ClientMetadata?: ClientMetadata;
	/** Ours: for `initiateAuth` (CUSTOM_AUTH without SRP). */
	AuthParameters?: { [key: string]: string };
	/** Ours, USER_AUTH: the first factor to try; without it Cognito offers a choice. */
	PreferredChallenge?: FirstFactor;
}

export class AuthenticationDetails {
	constructor(data: IAuthenticationDetailsData);
	username: string;
	password: string | undefined;
	validationData: { [key: string]: any };
	authParameters: { [key: string]: string };
	clientMetadata: { [key: string]: string };
	getUsername(): string;
	/** Undefined when none was given (the JS SDK's typings say string). */
	getPassword(): string;
	/** The `ValidationData` object (`{}` when none was given), typed `any`: the JS SDK's typings say `any[]`. */
	getValidationData(): any;
	getAuthParameters(): { [key: string]: string };
	getClientMetadata(): { [key: string]: string };
	getPreferredChallenge(): FirstFactor | undefined;
}

export interface ICognitoUserAttributeData {
	Name: string;
	Value: string;
}

export class CognitoUserAttribute implements ICognitoUserAttributeData {
	/** Name and Value default to ''. */
	constructor(data?: Partial<ICognitoUserAttributeData>);
	Name: string;
	Value: string;
	getName(): string;
	setName(name: string): this;
	getValue(): string;
	setValue(value: string): this;
	/** JSON text of `{ Name, Value }`. */
	toString(): string;
	toJSON(): ICognitoUserAttributeData;
}

export interface ICognitoUserSessionData {
	IdToken: CognitoIdToken;
	AccessToken: CognitoAccessToken;
	RefreshToken?: CognitoRefreshToken;
	/** Ours: seconds; computed from the tokens when absent. */
	ClockDrift?: number;
}

export class CognitoUserSession {
	/** Throws when the id or access token is missing. */
	constructor(data: ICognitoUserSessionData);
	getIdToken(): CognitoIdToken;
	getAccessToken(): CognitoAccessToken;
	getRefreshToken(): CognitoRefreshToken;
	getClockDrift(): number;
	/** Both JWTs unexpired (allowing for the clock drift). */
	isValid(): boolean;
	/** Now minus the earlier of the tokens' `iat`: how far this device's clock runs ahead. */
	calculateClockDrift(): number;
	idToken: CognitoIdToken;
	accessToken: CognitoAccessToken;
	refreshToken: CognitoRefreshToken;
	clockDrift: number;
}

export class CognitoAccessToken {
	constructor(data: { AccessToken: string });
	/** The decoded payload (`sub`, `username`, `exp`, ...). */
	payload: { [key: string]: any };
	jwtToken: string;
	getJwtToken(): string;
	/** `exp`, seconds since the epoch. */
	getExpiration(): number;
	/** `iat`, seconds since the epoch. */
	getIssuedAt(): number;
	decodePayload(): { [key: string]: any };
}

export class CognitoIdToken {
	constructor(data: { IdToken: string });
	/** The decoded payload (`sub`, `email`, `cognito:username`, `exp`, ...). */
	payload: { [key: string]: any };
	jwtToken: string;
	getJwtToken(): string;
	getExpiration(): number;
	getIssuedAt(): number;
	decodePayload(): { [key: string]: any };
}

export class CognitoRefreshToken {
	constructor(data: { RefreshToken: string });
	token: string;
	getToken(): string;
}

export class DateHelper {
	constructor();
	/** The current UTC time as Cognito's SRP wants it, e.g. 'Tue Sep 3 08:04:05 UTC 2024'. */
	getNowString(): string;
}

// ---------------------------------------------------------------------------------------
// SRP and user-agent helpers (exported by the JS SDK, used by Amplify and custom flows)

/** A big integer as `AuthenticationHelper` gives and takes them: `toString(16)` is its hex. */
export interface BigIntegerLike {
	toString(radix?: number): string;
}

/**
 * Cognito's SRP-6a client arithmetic (the 3072-bit group, g = 2), for apps that run SRP
 * themselves: custom flows with SRP_A, device verifiers.
 */
export class AuthenticationHelper {
	/** `PoolName`: the part of the user pool id after the underscore. */
	constructor(PoolName: string);
	/** The SRP group's prime, generator and multiplier, as the JS SDK's fields. */
	N: BigIntegerLike;
	g: BigIntegerLike;
	k: BigIntegerLike;
	/** The secret a and public A, once drawn or computed. */
	smallAValue: BigIntegerLike;
	largeAValue?: BigIntegerLike;
	/** HKDF's info: 'Caldera Derived Key' plus a 1 byte. */
	infoBits: Uint8Array;
	poolName: string;
	/** The random private value a. */
	getSmallAValue(): BigIntegerLike;
	/** The public value A = g^a mod N. */
	getLargeAValue(callback: (err: Error | null, largeAValue: BigIntegerLike) => void): void;
	generateRandomSmallA(): BigIntegerLike;
	/** 40 random bytes, base64. */
	generateRandomString(): string;
	/** The device password `generateHashDevice` made. */
	getRandomPassword(): string;
	/** The device salt `generateHashDevice` made (hex). */
	getSaltDevices(): string;
	/** The device verifier `generateHashDevice` made (hex). */
	getVerifierDevices(): string;
	/** Makes a device password, salt and verifier (ConfirmDevice's DeviceSecretVerifierConfig). */
	generateHashDevice(deviceGroupKey: string, username: string, callback: (err: Error | null, result: null) => void): void;
	calculateA(a: BigIntegerLike, callback: (err: Error | null, largeAValue: BigIntegerLike) => void): void;
	calculateU(A: BigIntegerLike, B: BigIntegerLike): BigIntegerLike;
	/** SHA-256, hex (64 digits). */
	hash(buf: string | Uint8Array): string;
	/** SHA-256 of the bytes a hex string spells, hex. */
	hexHash(hexStr: string): string;
	/** HKDF-SHA256 with the info 'Caldera Derived Key': the first 16 bytes. */
	computehkdf(ikm: Uint8Array, salt: Uint8Array): Uint8Array;
	/** The 16-byte key PASSWORD_VERIFIER's signature is made with. */
	getPasswordAuthenticationKey(
		username: string,
		password: string,
		serverBValue: BigIntegerLike,
		salt: BigIntegerLike,
		callback: (err: Error | null, hkdf: Uint8Array) => void
	): void;
	calculateS(xValue: BigIntegerLike, serverBValue: BigIntegerLike, callback: (err: Error | null, sValue: BigIntegerLike) => void): void;
	/** 'userAttributes.' */
	getNewPasswordRequiredChallengeUserAttributePrefix(): string;
	/** The even-length two's-complement hex of a big integer, as Cognito hashes it. */
	padHex(bigInt: BigIntegerLike): string;
}

/** Random bytes as 32-bit words (the JS SDK's small CryptoJS stand-in). */
export class WordArray {
	constructor(words?: string[] | number[], sigBytes?: number);
	/** The 32-bit words, as given (the JS SDK's typings say strings). */
	words: number[] | string[];
	/** How many bytes of `words` count. */
	sigBytes: number;
	/** `nBytes` cryptographically random bytes. */
	random(nBytes: number): WordArray;
	/** Hex. */
	toString(): string;
}

/** Holds the x-amz-user-agent value sent with every request (on the prototype). */
export class UserAgent {
	constructor();
	userAgent: string;
}

/** Adds `content` to the x-amz-user-agent header of every later request. */
export function appendToCognitoUserAgent(content: string): void;

/** The `/internals` entry's functions, also exported here (one user agent for both). */
export function addAuthCategoryToCognitoUserAgent(): void;
export function addFrameworkToCognitoUserAgent(content: string): void;

// ---------------------------------------------------------------------------------------
// Identity pools (ours)

export interface ICognitoIdentityCredentialsData {
	/** `<region>:<uuid>` */
	IdentityPoolId: string;
	/** Provider name → token, e.g. `{ 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab1': idToken }`. */
	Logins?: { [provider: string]: string };
	/** A signed-in CognitoUser: its ID token is added to Logins and kept fresh. */
	user?: CognitoUser;
	/** Default: `https://cognito-identity.<region>.amazonaws.com/`. */
	endpoint?: string;
	/** Where the identity id is cached. Default: localStorage, else memory. */
	Storage?: CognitoStorageLike;
}

export interface AwsCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: Date;
	identityId: string;
}

/**
 * Ours: temporary AWS credentials from an identity pool (GetId, GetCredentialsForIdentity)
 * for a signed-in user or a guest, without the AWS SDK. Renewed five minutes before expiry.
 */
export class CognitoIdentityCredentials {
	constructor(data: ICognitoIdentityCredentialsData);
	get(callback: ResultCallback<CognitoError, AwsCredentials>): void;
	get(callback?: null): Promise<AwsCredentials>;
	refresh(callback: ResultCallback<CognitoError, AwsCredentials>): void;
	refresh(callback?: null): Promise<AwsCredentials>;
	needsRefresh(): boolean;
	clearCachedId(): void;
	readonly identityId: string | undefined;
	readonly accessKeyId: string | undefined;
	readonly secretAccessKey: string | undefined;
	readonly sessionToken: string | undefined;
	readonly expiration: Date | null;
	readonly params: { IdentityPoolId: string; Logins: { [provider: string]: string } };
}
