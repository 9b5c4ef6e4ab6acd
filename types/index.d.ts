// Type declarations for cognito-identity-wasm: the API of amazon-cognito-identity-js 6.3.x
// (same names, classes, methods and callback shapes), plus a Promise form of every method
// whose last argument is a callback: leave the callback out and the method returns a
// Promise. The build copies this file to pkg/index.d.ts (ES module) and pkg/index.d.cts
// (CommonJS, `require`).

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
	challengeName: ChallengeName | (string & {});
	challengeParameters: { [name: string]: string };
	/** SELECT_CHALLENGE (USER_AUTH): the first factors on offer. */
	availableChallenges?: FirstFactor[];
}

/**
 * A Node-style callback: called once, with `(error, null)` on failure or `(null, result)`
 * on success; checking `err` narrows `result`. (Give a function of this type both
 * parameters: `(err, result) => ...`.)
 */
export type NodeCallback<E, T> = (...args: [err: E, result: null] | [err: null, result: T]) => void;
export namespace NodeCallback {
	export type Any = NodeCallback<CognitoError, any>;
}

/**
 * A Node-style callback whose parameters the app annotated, e.g.
 * `(err: any, session: CognitoUserSession) => ...` or `(err?: Error, result?: string) => ...`
 * (shapes amazon-cognito-identity-js's typings accepted), or that takes only `err`.
 * Its parameters are compared bivariantly.
 */
export type AnnotatedNodeCallback<E, T> = {
	bivarianceHack(err: E | null | undefined, result: T | undefined): void;
}['bivarianceHack'];

/** `updateAttributes`' callback: `(error, null)`, or `(null, 'SUCCESS', details)` on success. */
export type UpdateAttributesNodeCallback<E, T, K> = (
	...args: [err: E, result: null, details: undefined] | [err: null, result: T, details: K]
) => void;

/** String-to-string data passed to Lambda triggers. */
export type ClientMetadata = { [key: string]: string } | undefined;

export type ChallengeName =
	| 'CUSTOM_CHALLENGE'
	| 'MFA_SETUP'
	| 'NEW_PASSWORD_REQUIRED'
	| 'SELECT_MFA_TYPE'
	| 'SMS_MFA'
	| 'SOFTWARE_TOKEN_MFA'
	| 'EMAIL_OTP'
	| 'SMS_OTP'
	| 'SELECT_CHALLENGE'
	| 'WEB_AUTHN';

/** The code types `sendMFACode` accepts (`SMS_OTP`: USER_AUTH's passwordless SMS code). */
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
	onFailure: (err: CognitoError) => void;
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
	emailOtpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
	/** Ours: SMS_OTP (USER_AUTH's SMS code): call `sendMFACode(code, cb, 'SMS_OTP')`. */
	smsOtpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
	/** Ours: USER_AUTH's SELECT_CHALLENGE: call `sendSelectChallengeAnswer(factor, cb)`. */
	selectChallenge?: (availableChallenges: FirstFactor[], challengeParameters: any) => void;
}

/** `{ onSuccess, onFailure }` for calls that answer 'SUCCESS' (or other data). */
export interface ISuccessCallback<T = string> {
	onSuccess: (result: T) => void;
	onFailure: (err: CognitoError) => void;
}

/** `forgotPassword` and `getAttributeVerificationCode`: `inputVerificationCode` gets the delivery details. */
export interface IVerificationCodeCallback<T> {
	onSuccess: (result: T) => void;
	onFailure: (err: CognitoError) => void;
	inputVerificationCode?: ((data: CodeDeliveryResult) => void) | null;
}

export interface IAssociateSoftwareTokenCallback {
	/** Gets the TOTP secret (base32) to show the user, e.g. as a QR code. */
	associateSecretCode?: (secretCode: string) => void;
	onFailure: (err: CognitoError) => void;
}

/** VerifySoftwareToken's answer, for a signed-in user (outside the MFA_SETUP challenge). */
export interface VerifySoftwareTokenResult {
	Status: 'SUCCESS' | 'ERROR';
	Session?: string;
}

export interface IVerifySoftwareTokenCallback {
	/** During MFA_SETUP: the session (the sign-in is complete). Otherwise VerifySoftwareToken's answer. */
	onSuccess(result: CognitoUserSession | VerifySoftwareTokenResult): void;
	onFailure: (err: CognitoError) => void;
}

// ---------------------------------------------------------------------------------------
// Storage

/** Where sessions are kept: localStorage by default, or anything with these methods. */
export interface ICognitoStorage {
	setItem(key: string, value: string): void;
	getItem(key: string): string | null | undefined;
	removeItem(key: string): void;
	clear(): void;
}

export interface ICookieStorageData {
	/** Default: the page's domain (no subdomains). */
	domain?: string;
	/** Default: '/'. */
	path?: string;
	/** Days (default 365) or a Date. */
	expires?: number | Date;
	/** Default: true. */
	secure?: boolean;
	sameSite?: 'strict' | 'lax' | 'none';
}

/** Keeps the tokens in cookies (js-cookie's format), e.g. to share a session between subdomains. */
export class CookieStorage implements ICognitoStorage {
	/** Throws for a `sameSite` other than 'strict' | 'lax' | 'none', or 'none' without `secure`. */
	constructor(data?: ICookieStorageData);
	/** Writes the cookie; returns what reading it back gives (undefined if the browser refused it). */
	setItem(key: string, value: string): string | undefined;
	getItem(key: string): string | null;
	removeItem(key: string): void;
	/** Removes every cookie the page can read (with this storage's path and domain). */
	clear(): {};
	readonly domain: string | undefined;
	readonly path: string;
	readonly expires: number | Date | undefined;
	readonly secure: boolean;
	readonly sameSite: 'strict' | 'lax' | 'none' | null;
}

/**
 * In-memory storage, shared by every instance in this JS context: what the pool uses when
 * there is no usable localStorage (Node, some private modes, workers).
 */
export class MemoryStorage implements ICognitoStorage {
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
	/** Default: localStorage, else `MemoryStorage`. */
	Storage?: ICognitoStorage;
	/**
	 * `false`: the page's advanced-security collector (`AmazonCognitoAdvancedSecurityData`)
	 * is not asked; requests then carry an empty `UserContextData`, as with the JS SDK.
	 */
	AdvancedSecurityDataCollectionFlag?: boolean;
	/** Only `credentials` is used, as by amazon-cognito-identity-js. */
	fetchOptions?: { credentials?: 'omit' | 'same-origin' | 'include' };
	/**
	 * The app client rotates refresh tokens: refresh through GetTokensFromRefreshToken
	 * (and store the new refresh token) instead of InitiateAuth REFRESH_TOKEN_AUTH.
	 */
	refreshTokenRotation?: boolean;
	/**
	 * Ours: the secret of an app client that has one. SECRET_HASH is then added to every
	 * operation that needs it. Server-side use only (Node, SSR): in a browser it is public.
	 */
	ClientSecret?: string;
}

export interface ISignUpResult {
	user: CognitoUser;
	userConfirmed: boolean;
	userSub: string;
	/** Absent when Cognito sent no code (no auto-verified attribute). */
	codeDeliveryDetails: CodeDeliveryDetails | undefined;
}

export type AttributeList = (CognitoUserAttribute | ICognitoUserAttributeData)[];

export class CognitoUserPool {
	/** Throws for a missing or malformed UserPoolId or ClientId. */
	constructor(data: ICognitoUserPoolData);

	getUserPoolId(): string;
	/** The part of the pool id after the underscore. */
	getUserPoolName(): string;
	getClientId(): string;
	readonly endpoint: string;
	readonly storage: ICognitoStorage;
	readonly fetchOptions: { credentials?: 'omit' | 'same-origin' | 'include' };
	readonly refreshTokenRotation: boolean;
	/** The pool data's `AdvancedSecurityDataCollectionFlag !== false`, as in the JS SDK. */
	readonly advancedSecurityDataCollectionFlag: boolean;
	/** The `ClientSecret` from the pool data, if any. */
	readonly clientSecret: string | undefined;

	/** Registers a user. The result's `user` is a `CognitoUser` for the new username. */
	signUp(
		username: string,
		password: string,
		userAttributes: AttributeList | null | undefined,
		validationData: AttributeList | null | undefined,
		callback: NodeCallback<CognitoError, ISignUpResult>,
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

	/** The user who signed in last with this app client (from storage), or null. */
	getCurrentUser(): CognitoUser | null;

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
	/** Default: the pool's storage. */
	Storage?: ICognitoStorage;
}

export interface GetSessionOptions {
	clientMetadata?: Record<string, string>;
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

/** GetUser's answer. */
export interface UserData {
	Username: string;
	UserAttributes: ICognitoUserAttributeData[];
	MFAOptions?: MFAOption[];
	PreferredMfaSetting?: string;
	UserMFASettingList?: string[];
}

export class CognitoUser {
	constructor(data: ICognitoUserData);

	readonly username: string;
	readonly storage: ICognitoStorage;

	getUsername(): string;
	/** 'USER_SRP_AUTH' unless set. */
	getAuthenticationFlowType(): string;
	/** 'USER_SRP_AUTH' (default), 'USER_PASSWORD_AUTH' or 'CUSTOM_AUTH' (used by `authenticateUser`). */
	setAuthenticationFlowType(authenticationFlowType: AuthenticationFlowType | (string & {})): void;
	getSignInUserSession(): CognitoUserSession | null;
	/** Sets and stores the session (as a sign-in would). */
	setSignInUserSession(signInUserSession: CognitoUserSession): void;

	// Sign-in ----------------------------------------------------------------------------

	/**
	 * Signs in with the flow set by `setAuthenticationFlowType` (SRP by default). Without a
	 * callback object: a Promise of the session, rejected with `UnhandledChallengeError`
	 * when Cognito asks for a challenge.
	 */
	authenticateUser(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void;
	authenticateUser(authenticationDetails: AuthenticationDetails, callbacks?: null): Promise<CognitoUserSession>;

	/** CUSTOM_AUTH without SRP: sends the details' AuthParameters. */
	initiateAuth(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void;
	initiateAuth(authenticationDetails: AuthenticationDetails, callbacks?: null): Promise<CognitoUserSession>;

	/** Answers SMS_MFA (default), SOFTWARE_TOKEN_MFA or EMAIL_OTP. */
	sendMFACode(
		confirmationCode: string,
		callbacks: IAuthenticationCallback | ISuccessCallback<CognitoUserSession>,
		mfaType?: MfaType | null,
		clientMetadata?: ClientMetadata
	): void;
	sendMFACode(
		confirmationCode: string,
		callbacks?: null,
		mfaType?: MfaType | null,
		clientMetadata?: ClientMetadata
	): Promise<CognitoUserSession>;

	/** Answers SELECT_MFA_TYPE; Cognito then asks for that MFA's code. */
	sendMFASelectionAnswer(
		answerChallenge: MfaType | (string & {}),
		callbacks: {
			onSuccess: (session: CognitoUserSession) => void;
			onFailure: (err: CognitoError) => void;
			mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
			totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
		}
	): void;
	sendMFASelectionAnswer(answerChallenge: MfaType | (string & {}), callbacks?: null): Promise<CognitoUserSession>;

	/** Answers NEW_PASSWORD_REQUIRED. */
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData: { [name: string]: any } | null | undefined,
		callbacks: IAuthenticationCallback,
		clientMetadata?: ClientMetadata
	): void;
	completeNewPasswordChallenge(
		newPassword: string,
		requiredAttributeData?: { [name: string]: any } | null,
		callbacks?: null,
		clientMetadata?: ClientMetadata
	): Promise<CognitoUserSession>;

	/** Answers CUSTOM_CHALLENGE. */
	sendCustomChallengeAnswer(answerChallenge: string, callbacks: IAuthenticationCallback, clientMetadata?: ClientMetadata): void;
	sendCustomChallengeAnswer(answerChallenge: string, callbacks?: null, clientMetadata?: ClientMetadata): Promise<CognitoUserSession>;

	/** Starts TOTP set-up (during MFA_SETUP, or for a signed-in user). The Promise gives the secret. */
	associateSoftwareToken(callbacks: IAssociateSoftwareTokenCallback): void;
	associateSoftwareToken(callbacks?: null): Promise<string>;

	/** Finishes TOTP set-up with a code from the authenticator app. */
	verifySoftwareToken(totpCode: string, friendlyDeviceName: string | null | undefined, callbacks: IVerifySoftwareTokenCallback): void;
	verifySoftwareToken(
		totpCode: string,
		friendlyDeviceName?: string | null,
		callbacks?: null
	): Promise<CognitoUserSession | VerifySoftwareTokenResult>;

	// Session ----------------------------------------------------------------------------

	/** The valid session (from memory or storage), refreshed first when it has expired. */
	getSession(callback: NodeCallback<CognitoError, CognitoUserSession>, options?: GetSessionOptions): void;
	getSession(callback: AnnotatedNodeCallback<CognitoError, CognitoUserSession>, options?: GetSessionOptions): void;
	getSession(callback?: null, options?: GetSessionOptions): Promise<CognitoUserSession>;

	refreshSession(
		refreshToken: CognitoRefreshToken,
		callback: NodeCallback<CognitoError, CognitoUserSession>,
		clientMetadata?: ClientMetadata
	): void;
	refreshSession(
		refreshToken: CognitoRefreshToken,
		callback: AnnotatedNodeCallback<CognitoError, CognitoUserSession>,
		clientMetadata?: ClientMetadata
	): void;
	refreshSession(refreshToken: CognitoRefreshToken, callback?: null, clientMetadata?: ClientMetadata): Promise<CognitoUserSession>;

	/**
	 * Without a callback: clears this user's tokens from storage at once (and returns a
	 * resolved Promise). With one: revokes the refresh token first, clears local data
	 * either way, then calls back with the revocation error, if any.
	 */
	signOut(callback: (err?: CognitoError) => void): void;
	signOut(): Promise<void>;

	/** Invalidates every token of the user (all devices), then clears local data. */
	globalSignOut(callbacks: ISuccessCallback<string>): void;
	globalSignOut(callbacks?: null): Promise<'SUCCESS'>;

	// Registration -----------------------------------------------------------------------

	confirmRegistration(
		code: string,
		forceAliasCreation: boolean,
		callback: NodeCallback<CognitoError, 'SUCCESS'>,
		clientMetadata?: ClientMetadata
	): void;
	confirmRegistration(
		code: string,
		forceAliasCreation: boolean,
		callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>,
		clientMetadata?: ClientMetadata
	): void;
	confirmRegistration(code: string, forceAliasCreation?: boolean, callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;

	resendConfirmationCode(callback: NodeCallback<CognitoError, CodeDeliveryResult>, clientMetadata?: ClientMetadata): void;
	resendConfirmationCode(callback: AnnotatedNodeCallback<CognitoError, CodeDeliveryResult>, clientMetadata?: ClientMetadata): void;
	resendConfirmationCode(callback?: null, clientMetadata?: ClientMetadata): Promise<CodeDeliveryResult>;

	// Passwords --------------------------------------------------------------------------

	changePassword(
		oldPassword: string,
		newPassword: string,
		callback: NodeCallback<CognitoError, 'SUCCESS'>,
		clientMetadata?: ClientMetadata
	): void;
	changePassword(
		oldPassword: string,
		newPassword: string,
		callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>,
		clientMetadata?: ClientMetadata
	): void;
	changePassword(oldPassword: string, newPassword: string, callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;

	/** Sends a reset code. `inputVerificationCode` (else `onSuccess`) gets the delivery details. */
	forgotPassword(callbacks: IVerificationCodeCallback<CodeDeliveryResult>, clientMetadata?: ClientMetadata): void;
	forgotPassword(callbacks?: null, clientMetadata?: ClientMetadata): Promise<CodeDeliveryResult>;

	confirmPassword(verificationCode: string, newPassword: string, callbacks: ISuccessCallback<string>, clientMetadata?: ClientMetadata): void;
	confirmPassword(verificationCode: string, newPassword: string, callbacks?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;

	// Attributes and user data (these need a session: sign in or call getSession first) --

	getUserAttributes(callback: NodeCallback<CognitoError, CognitoUserAttribute[]>): void;
	getUserAttributes(callback: AnnotatedNodeCallback<CognitoError, CognitoUserAttribute[]>): void;
	getUserAttributes(callback?: null): Promise<CognitoUserAttribute[]>;

	/** Calls back `(null, 'SUCCESS', details)` (details: UpdateUserAttributes' answer); the Promise gives 'SUCCESS'. */
	updateAttributes(
		attributes: AttributeList,
		callback: UpdateAttributesNodeCallback<CognitoError, 'SUCCESS', UpdateAttributesDetails>,
		clientMetadata?: ClientMetadata
	): void;
	updateAttributes(attributes: AttributeList, callback: NodeCallback<CognitoError, 'SUCCESS'>, clientMetadata?: ClientMetadata): void;
	updateAttributes(
		attributes: AttributeList,
		callback: {
			bivarianceHack(err: CognitoError | null | undefined, result?: 'SUCCESS', details?: UpdateAttributesDetails): void;
		}['bivarianceHack'],
		clientMetadata?: ClientMetadata
	): void;
	updateAttributes(attributes: AttributeList, callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;

	deleteAttributes(attributeList: string[], callback: NodeCallback<CognitoError, 'SUCCESS'>): void;
	deleteAttributes(attributeList: string[], callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>): void;
	deleteAttributes(attributeList: string[], callback?: null): Promise<'SUCCESS'>;

	/**
	 * Sends a code to verify an attribute. With `inputVerificationCode` that method gets the
	 * delivery details, else `onSuccess('SUCCESS')`. The Promise gives the delivery details.
	 */
	getAttributeVerificationCode(name: string, callbacks: IVerificationCodeCallback<string>, clientMetadata?: ClientMetadata): void;
	getAttributeVerificationCode(name: string, callbacks?: null, clientMetadata?: ClientMetadata): Promise<CodeDeliveryResult>;

	verifyAttribute(attributeName: string, confirmationCode: string, callbacks: ISuccessCallback<string>): void;
	verifyAttribute(attributeName: string, confirmationCode: string, callbacks?: null): Promise<'SUCCESS'>;

	/** GetUser's answer: cached in storage unless `bypassCache`. */
	getUserData(callback: NodeCallback<CognitoError, UserData>, params?: GetUserDataOptions): void;
	getUserData(callback: AnnotatedNodeCallback<CognitoError, UserData>, params?: GetUserDataOptions): void;
	getUserData(callback?: null, params?: GetUserDataOptions): Promise<UserData>;

	/** Deletes the user and clears the local session. */
	deleteUser(callback: NodeCallback<CognitoError, 'SUCCESS'>, clientMetadata?: ClientMetadata): void;
	deleteUser(callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>, clientMetadata?: ClientMetadata): void;
	deleteUser(callback?: null, clientMetadata?: ClientMetadata): Promise<'SUCCESS'>;

	// MFA settings -----------------------------------------------------------------------

	/** Legacy SMS MFA on (prefer `setUserMfaPreference`). */
	enableMFA(callback: NodeCallback<CognitoError, 'SUCCESS'>): void;
	enableMFA(callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>): void;
	enableMFA(callback?: null): Promise<'SUCCESS'>;

	/** Legacy SMS MFA off (prefer `setUserMfaPreference`). */
	disableMFA(callback: NodeCallback<CognitoError, 'SUCCESS'>): void;
	disableMFA(callback: AnnotatedNodeCallback<CognitoError, 'SUCCESS'>): void;
	disableMFA(callback?: null): Promise<'SUCCESS'>;

	/** GetUser's legacy `MFAOptions` (undefined when there are none). */
	getMFAOptions(callback: NodeCallback<CognitoError, MFAOption[] | undefined>): void;
	getMFAOptions(callback: AnnotatedNodeCallback<CognitoError, MFAOption[] | undefined>): void;
	getMFAOptions(callback?: null): Promise<MFAOption[] | undefined>;

	/**
	 * Sets which MFA types are enabled and preferred (null leaves one unchanged). The fourth
	 * argument, email MFA, is this package's addition.
	 */
	setUserMfaPreference(
		smsMfaSettings: IMfaSettings | null,
		softwareTokenMfaSettings: IMfaSettings | null,
		callback: NodeCallback<CognitoError, 'SUCCESS'>,
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

	/** The remembered device of this browser (GetDevice). */
	getDevice(callbacks: ISuccessCallback<DeviceResult>): void;
	getDevice(callbacks?: null): Promise<DeviceResult>;
	/** The user's remembered devices. */
	listDevices(limit: number, paginationToken: string | null, callbacks: ISuccessCallback<DeviceList>): void;
	listDevices(limit: number, paginationToken?: string | null, callbacks?: null): Promise<DeviceList>;
	setDeviceStatusRemembered(callbacks: ISuccessCallback<'SUCCESS'>): void;
	setDeviceStatusRemembered(callbacks?: null): Promise<'SUCCESS'>;
	setDeviceStatusNotRemembered(callbacks: ISuccessCallback<'SUCCESS'>): void;
	setDeviceStatusNotRemembered(callbacks?: null): Promise<'SUCCESS'>;
	/** Forgets this browser's device (at Cognito and here): the next sign-in runs the full flow. */
	forgetDevice(callbacks: ISuccessCallback<'SUCCESS'>): void;
	forgetDevice(callbacks?: null): Promise<'SUCCESS'>;
	forgetSpecificDevice(deviceKey: string, callbacks: ISuccessCallback<'SUCCESS'>): void;
	forgetSpecificDevice(deviceKey: string, callbacks?: null): Promise<'SUCCESS'>;

	/** Ours, USER_AUTH: answers `selectChallenge` with the first factor picked. */
	sendSelectChallengeAnswer(answer: FirstFactor, callbacks: IAuthenticationCallback): void;
	sendSelectChallengeAnswer(answer: FirstFactor, callbacks?: null): Promise<CognitoUserSession>;

	/** Ours: creates a passkey in the browser and registers it with Cognito. */
	registerPasskey(callback: NodeCallback<CognitoError, 'SUCCESS'>): void;
	registerPasskey(callback?: null): Promise<'SUCCESS'>;
	/** Ours: the user's passkeys. */
	listPasskeys(callback: NodeCallback<CognitoError, PasskeyList>, params?: { maxResults?: number; nextToken?: string }): void;
	listPasskeys(callback?: null, params?: { maxResults?: number; nextToken?: string }): Promise<PasskeyList>;
	/** Ours: removes a passkey. */
	deletePasskey(credentialId: string, callback: NodeCallback<CognitoError, 'SUCCESS'>): void;
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
	/** For `initiateAuth` (CUSTOM_AUTH without SRP). */
	AuthParameters?: { [key: string]: string };
	/** Ours, USER_AUTH: the first factor to try; without it Cognito offers a choice. */
	PreferredChallenge?: FirstFactor;
}

export class AuthenticationDetails {
	constructor(data: IAuthenticationDetailsData);
	getUsername(): string;
	getPassword(): string | undefined;
	getValidationData(): { [key: string]: any };
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
	/** Seconds; computed from the tokens when absent. */
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
	readonly idToken: CognitoIdToken;
	readonly accessToken: CognitoAccessToken;
	readonly refreshToken: CognitoRefreshToken;
	readonly clockDrift: number;
}

export class CognitoAccessToken {
	constructor(data: { AccessToken: string });
	/** The decoded payload (`sub`, `username`, `exp`, ...). */
	readonly payload: { [key: string]: any };
	readonly jwtToken: string;
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
	readonly payload: { [key: string]: any };
	readonly jwtToken: string;
	getJwtToken(): string;
	getExpiration(): number;
	getIssuedAt(): number;
	decodePayload(): { [key: string]: any };
}

export class CognitoRefreshToken {
	constructor(data: { RefreshToken: string });
	readonly token: string;
	getToken(): string;
}

export class DateHelper {
	constructor();
	/** The current UTC time as Cognito's SRP wants it, e.g. 'Tue Sep 3 08:04:05 UTC 2024'. */
	getNowString(): string;
}

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
	Storage?: ICognitoStorage;
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
	get(callback: NodeCallback<CognitoError, AwsCredentials>): void;
	get(callback?: null): Promise<AwsCredentials>;
	refresh(callback: NodeCallback<CognitoError, AwsCredentials>): void;
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

/** Adds `content` to the x-amz-user-agent header of every later request. */
export function appendToCognitoUserAgent(content: string): void;
