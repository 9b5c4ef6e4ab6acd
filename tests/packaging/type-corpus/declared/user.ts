// CognitoUser of amazon-cognito-identity-js's index.d.ts: the constructor, the field, and
// every method with each argument form its declaration accepts — callback objects and
// functions written out with exactly the types the JS SDK declares (the aliases below are
// copies of its parameter types), contextually typed inline callbacks whose parameters
// are used as the declared types, optional arguments left out, and each return value
// kept in a variable of the declared return type.
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CognitoUserSession,
} from 'amazon-cognito-identity-js';
import type {
	ChallengeName,
	ClientMetadata,
	GetSessionOptions,
	IAuthenticationCallback,
	ICognitoUserAttributeData,
	ICognitoUserData,
	IMfaSettings,
	MFAOption,
	NodeCallback,
	UpdateAttributesNodeCallback,
	UserData,
} from 'amazon-cognito-identity-js';

// The JS SDK's parameter types, written out.
type Outcome<R, E> = { onSuccess: (success: R) => void; onFailure: (err: E) => void };
type ForgotPasswordCallbacks = {
	onSuccess: (data: any) => void;
	onFailure: (err: Error) => void;
	inputVerificationCode?: (data: any) => void;
};
type VerificationCodeCallbacks = {
	onSuccess: (success: string) => void;
	onFailure: (err: Error) => void;
	inputVerificationCode?: (data: string) => void | null;
};
type MfaCodeCallbacks = {
	onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void;
	onFailure: (err: any) => void;
};
type SelectionCallbacks = {
	onSuccess: (session: CognitoUserSession) => void;
	onFailure: (err: any) => void;
	mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
	totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void;
};
type SessionCallback = ((error: Error, session: null) => void) | ((error: null, session: CognitoUserSession) => void);

declare const pool: CognitoUserPool;
declare const session: CognitoUserSession;
declare const authCallbacks: IAuthenticationCallback;
declare const metadata: ClientMetadata;
declare const maybeText: string | undefined;

// Constructor and data -------------------------------------------------------------------

const userData: ICognitoUserData = { Username: 'alice', Pool: pool, Storage: window.localStorage };
const minimalData: ICognitoUserData = { Username: 'alice', Pool: pool };
const dataUsername: string = userData.Username;
const dataPool: CognitoUserPool = userData.Pool;
const dataStorage = userData.Storage;
const user = new CognitoUser(userData);
const minimal = new CognitoUser(minimalData);
const literal = new CognitoUser({ Username: 'bob', Pool: pool });
console.log(dataUsername, dataPool, dataStorage?.getItem('k'), minimal, literal);

// challengeName --------------------------------------------------------------------------

const challenge: ChallengeName | undefined = user.challengeName;
user.challengeName = 'SMS_MFA';
user.challengeName = undefined;
if (user.challengeName === 'CUSTOM_CHALLENGE') console.log(challenge);

// Session and user name -----------------------------------------------------------------

const setSession: void = user.setSignInUserSession(session);
user.setSignInUserSession(new CognitoUserSession({
	IdToken: new CognitoIdToken({ IdToken: 'a' }),
	AccessToken: new CognitoAccessToken({ AccessToken: 'b' }),
	RefreshToken: new CognitoRefreshToken({ RefreshToken: 'c' }),
}));
const signInSession: CognitoUserSession | null = user.getSignInUserSession();
const jwt: string | undefined = user.getSignInUserSession()?.getIdToken().getJwtToken();
const username: string = user.getUsername();
const flowType: string = user.getAuthenticationFlowType();
const setFlowType: string = user.setAuthenticationFlowType('CUSTOM_AUTH');
user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
user.setAuthenticationFlowType(flowType);
const cachedDevice: void = user.getCachedDeviceKeyAndPassword();
console.log(setSession, signInSession, jwt, username, setFlowType, cachedDevice);

// getSession -----------------------------------------------------------------------------

declare const sessionCallback: SessionCallback;
user.getSession(sessionCallback);
user.getSession(sessionCallback, { clientMetadata: { source: 'web' } });
const sessionOptions: GetSessionOptions = { clientMetadata: { k: 'v' } };
const optionsMetadata: Record<string, string> = sessionOptions.clientMetadata;
const optionsValue: string = sessionOptions.clientMetadata.k;
user.getSession(sessionCallback, sessionOptions);
user.getSession((error: Error, session: null) => console.log(error.message, session));
user.getSession((error: null, session: CognitoUserSession) => console.log(error, session.isValid()));
user.getSession((err: any, session: any) => {
	if (err) return;
	console.log(session.getIdToken().getJwtToken());
});
const gotSession: void = user.getSession((err: any, s: CognitoUserSession) => console.log(err, s), sessionOptions);
console.log(optionsMetadata, optionsValue, gotSession);

// refreshSession: NodeCallback<any, any> --------------------------------------------------

const refreshToken = new CognitoRefreshToken({ RefreshToken: 'r' });
const onRefresh: NodeCallback<any, any> = (err, result) => console.log(err, result);
user.refreshSession(refreshToken, onRefresh);
user.refreshSession(refreshToken, onRefresh, metadata);
user.refreshSession(session.getRefreshToken(), (err, result) => {
	const e: number = err;
	const r: string = result;
	console.log(e, r, result.getIdToken().getJwtToken());
});
user.refreshSession(refreshToken, (err: any, s: any) => console.log(err, s), { source: 'web' });
user.refreshSession(refreshToken, () => {});
const refreshed: void = user.refreshSession(refreshToken, onRefresh, undefined);

// authenticateUser, initiateAuth ---------------------------------------------------------

const details = new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' });
const authenticated: void = user.authenticateUser(details, authCallbacks);
user.authenticateUser(details, {
	onSuccess: (session) => console.log(session.getAccessToken().getJwtToken()),
	onFailure: (err) => console.log(err.code),
	mfaRequired: (name, parameters) => user.sendMFACode('123456', authCallbacks, name),
});
const initiated: void = user.initiateAuth(details, authCallbacks);
user.initiateAuth(details, { onSuccess() {}, onFailure() {}, customChallenge: (parameters) => console.log(parameters.q) });
console.log(refreshed, authenticated, initiated);

// confirmRegistration: NodeCallback<any, any> ---------------------------------------------

user.confirmRegistration('123456', true, onRefresh);
user.confirmRegistration('123456', false, onRefresh, metadata);
user.confirmRegistration('123456', true, (err, result) => {
	const e: number = err;
	const r: number = result;
	console.log(e, r);
});
user.confirmRegistration('123456', true, (err?: any, result?: any) => console.log(err, result), { source: 'web' });
const confirmed: void = user.confirmRegistration('123456', true, () => {});

// sendCustomChallengeAnswer --------------------------------------------------------------

user.sendCustomChallengeAnswer('answer', authCallbacks);
user.sendCustomChallengeAnswer({ any: 'thing' }, authCallbacks, metadata);
user.sendCustomChallengeAnswer(42, authCallbacks, { step: '2' });
const answered: void = user.sendCustomChallengeAnswer(maybeText, authCallbacks);

// resendConfirmationCode: NodeCallback<Error, any> ---------------------------------------

const onResend: NodeCallback<Error, any> = (err, result) => console.log(err, result);
user.resendConfirmationCode(onResend);
user.resendConfirmationCode(onResend, metadata);
user.resendConfirmationCode((err, result) => {
	const e: Error | undefined = err;
	const r: number = result;
	console.log(e, r, result.CodeDeliveryDetails.Destination);
});
user.resendConfirmationCode((err?: Error, result?: any) => console.log(err, result), { source: 'web' });
const resent: void = user.resendConfirmationCode(() => {});
console.log(confirmed, answered, resent);

// changePassword: NodeCallback<Error, 'SUCCESS'> -----------------------------------------

const onChanged: NodeCallback<Error, 'SUCCESS'> = (err, result) => console.log(err, result);
user.changePassword('old', 'new', onChanged);
user.changePassword('old', 'new', onChanged, metadata);
user.changePassword('old', 'new', (err, result) => {
	const e: Error | undefined = err;
	const r: 'SUCCESS' | undefined = result;
	console.log(e, r);
});
user.changePassword('old', 'new', (err?: Error, result?: 'SUCCESS') => console.log(err, result), { source: 'web' });
user.changePassword('old', 'new', (err?: Error, result?: string) => console.log(err, result));
const changed: void = user.changePassword('old', 'new', () => {});

// forgotPassword, confirmPassword --------------------------------------------------------

declare const forgotCallbacks: ForgotPasswordCallbacks;
user.forgotPassword(forgotCallbacks);
user.forgotPassword(forgotCallbacks, metadata);
user.forgotPassword({
	onSuccess: (data) => {
		const asNumber: number = data;
		console.log(asNumber, data.CodeDeliveryDetails);
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e.message);
	},
	inputVerificationCode: (data) => {
		const asText: string = data;
		console.log(asText);
	},
});
user.forgotPassword({ onSuccess: (data: any) => console.log(data), onFailure: (err: Error) => console.log(err) }, { source: 'web' });
const forgot: void = user.forgotPassword({
	onSuccess() {},
	onFailure() {},
	inputVerificationCode(data: any) {
		console.log(data);
	},
});

declare const confirmCallbacks: Outcome<string, Error>;
user.confirmPassword('123456', 'N3w-Passw0rd!', confirmCallbacks);
user.confirmPassword('123456', 'N3w-Passw0rd!', confirmCallbacks, metadata);
user.confirmPassword('123456', 'N3w-Passw0rd!', {
	onSuccess: (success) => {
		const s: string = success;
		console.log(s);
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e);
	},
});
user.confirmPassword('123456', 'pw', { onSuccess: (success: string) => console.log(success), onFailure: (err: Error) => console.log(err) }, { source: 'web' });
const passwordConfirmed: void = user.confirmPassword('123456', 'pw', { onSuccess() {}, onFailure() {} });
console.log(changed, forgot, passwordConfirmed);

// Devices --------------------------------------------------------------------------------

declare const rememberCallbacks: Outcome<string, any>;
const remembered: void = user.setDeviceStatusRemembered(rememberCallbacks);
user.setDeviceStatusRemembered({
	onSuccess: (success) => {
		const s: string = success;
		console.log(s);
	},
	onFailure: (err) => {
		const n: number = err;
		console.log(n);
	},
});
const notRemembered: void = user.setDeviceStatusNotRemembered(rememberCallbacks);
user.setDeviceStatusNotRemembered({ onSuccess: (success: string) => console.log(success), onFailure: (err: any) => console.log(err) });

declare const deviceCallbacks: Outcome<string, Error>;
const device: any = user.getDevice(deviceCallbacks);
const deviceAsNumber: number = user.getDevice(deviceCallbacks);
user.getDevice({
	onSuccess: (success) => {
		const s: string = success;
		console.log(s.length);
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e);
	},
});
user.getDevice({ onSuccess: (success: string) => console.log(success), onFailure: (err: Error) => console.log(err) });
user.getDevice({
	onSuccess: function (result) {
		console.log('call result: ' + result);
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
});

const forgotten: void = user.forgetDevice(deviceCallbacks);
user.forgetDevice({ onSuccess: (success) => console.log(success.length), onFailure: (err) => console.log(err.message) });
const forgottenSpecific: void = user.forgetSpecificDevice('device-key', deviceCallbacks);
user.forgetSpecificDevice('device-key', { onSuccess: (success: string) => console.log(success), onFailure: (err: Error) => console.log(err) });

declare const listCallbacks: Outcome<any, Error>;
const listed: void = user.listDevices(10, null, listCallbacks);
user.listDevices(10, 'next-page', listCallbacks);
user.listDevices(60, null, {
	onSuccess: (data) => {
		const n: number = data;
		console.log(n, data.Devices.length);
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e);
	},
});
declare const paginationToken: string | null;
user.listDevices(10, paginationToken, { onSuccess: (data: any) => console.log(data), onFailure: (err: Error) => console.log(err) });
console.log(remembered, notRemembered, device, deviceAsNumber, forgotten, forgottenSpecific, listed);

// sendMFACode: the challenge name is any string ------------------------------------------

declare const mfaCallbacks: MfaCodeCallbacks;
declare const challengeName: string;
user.sendMFACode('123456', mfaCallbacks);
user.sendMFACode('123456', mfaCallbacks, challengeName);
user.sendMFACode('123456', mfaCallbacks, 'SOFTWARE_TOKEN_MFA');
user.sendMFACode('123456', mfaCallbacks, 'ANY_STRING_AT_ALL');
user.sendMFACode('123456', mfaCallbacks, undefined, metadata);
user.sendMFACode('123456', mfaCallbacks, maybeText, { source: 'web' });
user.sendMFACode('123456', authCallbacks, 'SMS_MFA');
user.sendMFACode('123456', {
	onSuccess: (session, userConfirmationNecessary) => {
		const s: CognitoUserSession = session;
		const c: boolean | undefined = userConfirmationNecessary;
		console.log(s, c);
	},
	onFailure: (err) => {
		const n: number = err;
		console.log(n);
	},
});
const sentMfa: void = user.sendMFACode('123456', { onSuccess: (session: CognitoUserSession) => console.log(session), onFailure: (err: any) => console.log(err) }, challengeName);

// completeNewPasswordChallenge -----------------------------------------------------------

user.completeNewPasswordChallenge('N3w-Passw0rd!', {}, authCallbacks);
user.completeNewPasswordChallenge('N3w-Passw0rd!', { name: 'Alice' }, authCallbacks, metadata);
user.completeNewPasswordChallenge('N3w-Passw0rd!', null, authCallbacks);
user.completeNewPasswordChallenge('N3w-Passw0rd!', undefined, authCallbacks, { source: 'web' });
user.completeNewPasswordChallenge('N3w-Passw0rd!', 'anything', authCallbacks);
const completed: void = user.completeNewPasswordChallenge('pw', [], { onSuccess() {}, onFailure() {} });
console.log(sentMfa, completed);

// signOut, globalSignOut -----------------------------------------------------------------

user.signOut();
user.signOut(() => console.log('signed out'));
declare const maybeSignOutCallback: (() => void) | undefined;
user.signOut(maybeSignOutCallback);
user.signOut(undefined);
const signOutCallback: () => void = () => {};
user.signOut(signOutCallback);

declare const globalCallbacks: { onSuccess: (msg: string) => void; onFailure: (err: Error) => void };
const globalSignedOut: void = user.globalSignOut(globalCallbacks);
user.globalSignOut({
	onSuccess: (msg) => {
		const m: string = msg;
		console.log(m);
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e);
	},
});

// Attributes -----------------------------------------------------------------------------

declare const verifyCallbacks: Outcome<string, Error>;
const verified: void = user.verifyAttribute('email', '123456', verifyCallbacks);
user.verifyAttribute('email', '123456', { onSuccess: (success) => console.log(success.length), onFailure: (err) => console.log(err.message) });

const onAttributes: NodeCallback<Error, CognitoUserAttribute[]> = (err, attributes) => console.log(err, attributes?.length);
const gotAttributes: void = user.getUserAttributes(onAttributes);
user.getUserAttributes((err, attributes) => {
	const e: Error | undefined = err;
	const a: CognitoUserAttribute[] | undefined = attributes;
	if (err) return;
	console.log(e, a, attributes?.map((attribute) => attribute.getName()));
});
user.getUserAttributes((err?: Error, attributes?: CognitoUserAttribute[]) => console.log(err, attributes));
function keepAttributes(attributes?: CognitoUserAttribute[], err?: Error): void {
	console.log(attributes, err);
}
user.getUserAttributes((err, attributes) => keepAttributes(attributes, err));

const attributeList: (CognitoUserAttribute | ICognitoUserAttributeData)[] = [
	new CognitoUserAttribute({ Name: 'nickname', Value: 'al' }),
	{ Name: 'family_name', Value: 'Smith' },
];
const onUpdated: UpdateAttributesNodeCallback<Error, string, any> = (err, result, details) => console.log(err, result, details);
const updatedAttributes: void = user.updateAttributes(attributeList, onUpdated);
user.updateAttributes(attributeList, onUpdated, metadata);
user.updateAttributes([new CognitoUserAttribute({ Name: 'nickname', Value: 'al' })], (err, result, details) => {
	const e: Error | undefined = err;
	const r: string | undefined = result;
	const d: number = details;
	console.log(e, r, d, details.CodeDeliveryDetailsList);
});
user.updateAttributes([{ Name: 'nickname', Value: 'al' }], (err?: Error, result?: string, details?: any) => console.log(err, result, details), { k: 'v' });
user.updateAttributes([], (err) => console.log(err));

const onDeleted: NodeCallback<Error, string> = (err, result) => console.log(err, result);
const deletedAttributes: void = user.deleteAttributes(['nickname'], onDeleted);
user.deleteAttributes([], (err, result) => {
	const e: Error | undefined = err;
	const r: string | undefined = result;
	console.log(e, r);
});

declare const codeCallbacks: VerificationCodeCallbacks;
const codeSent: void = user.getAttributeVerificationCode('email', codeCallbacks);
user.getAttributeVerificationCode('email', codeCallbacks, metadata);
user.getAttributeVerificationCode('phone_number', {
	onSuccess: (success) => {
		const s: string = success;
		console.log(s);
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e);
	},
	inputVerificationCode: (data) => {
		const s: string = data;
		console.log(s.length);
	},
});
user.getAttributeVerificationCode('email', {
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
	inputVerificationCode: (data: string) => null,
}, { source: 'web' });
user.getAttributeVerificationCode('email', {
	onSuccess: function (result) {
		console.log('call result: ' + result);
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
	inputVerificationCode: function () {
		const verificationCode = prompt('Please input verification code: ', '') ?? '';
		user.verifyAttribute('email', verificationCode, this);
	},
});
console.log(globalSignedOut, verified, gotAttributes, updatedAttributes, deletedAttributes, codeSent);

// Account and MFA settings: NodeCallback<Error, string> ----------------------------------

const onString: NodeCallback<Error, string> = (err, result) => console.log(err, result);
const deleted: void = user.deleteUser(onString);
const mfaEnabled: void = user.enableMFA(onString);
const mfaDisabled: void = user.disableMFA(onString);
for (const method of [user.deleteUser, user.enableMFA, user.disableMFA]) method.call(user, onString);
user.deleteUser((err, result) => {
	const e: Error | undefined = err;
	const r: string | undefined = result;
	console.log(e, r);
});
user.enableMFA((err?: Error, result?: string) => console.log(err, result));
user.disableMFA((err) => console.log(err));

const onMfaOptions: NodeCallback<Error, MFAOption[]> = (err, options) => console.log(err, options);
const mfaOptions: void = user.getMFAOptions(onMfaOptions);
user.getMFAOptions((err, options) => {
	const e: Error | undefined = err;
	const o: MFAOption[] | undefined = options;
	console.log(e, o, options?.length);
});

const onUserData: NodeCallback<Error, UserData> = (err, data) => console.log(err, data?.MFAOptions.length);
const gotUserData: void = user.getUserData(onUserData);
user.getUserData(onUserData, { bypassCache: true });
user.getUserData(onUserData, 'any value at all');
user.getUserData((err, data) => {
	const e: Error | undefined = err;
	const d: UserData | undefined = data;
	if (data) console.log(e, d, data.MFAOptions.length, data.PreferredMfaSetting.length, data.UserMFASettingList.length);
});

const sms: IMfaSettings = { PreferredMfa: true, Enabled: true };
const preference: void = user.setUserMfaPreference(sms, null, onString);
user.setUserMfaPreference(null, { PreferredMfa: false, Enabled: true }, (err, result) => {
	const e: Error | undefined = err;
	const r: string | undefined = result;
	console.log(e, r);
});
user.setUserMfaPreference(null, null, (err?: Error, result?: string) => console.log(err, result));
console.log(deleted, mfaEnabled, mfaDisabled, mfaOptions, gotUserData, preference);

// TOTP -----------------------------------------------------------------------------------

declare const associateCallbacks: { associateSecretCode: (secretCode: string) => void; onFailure: (err: any) => void };
const associated: void = user.associateSoftwareToken(associateCallbacks);
user.associateSoftwareToken({
	associateSecretCode: (secretCode) => {
		const s: string = secretCode;
		console.log(s);
	},
	onFailure: (err) => {
		const n: number = err;
		console.log(n);
	},
});

declare const verifyTokenCallbacks: Outcome<CognitoUserSession, Error>;
const tokenVerified: void = user.verifySoftwareToken('123456', 'My phone', verifyTokenCallbacks);
user.verifySoftwareToken('123456', 'My phone', {
	onSuccess: (session) => {
		const s: CognitoUserSession = session;
		console.log(s, session.getIdToken());
	},
	onFailure: (err) => {
		const e: Error = err;
		console.log(e);
	},
});
user.verifySoftwareToken('123456', '', { onSuccess: (session: CognitoUserSession) => console.log(session), onFailure: (err: Error) => console.log(err) });

declare const selectionCallbacks: SelectionCallbacks;
const selected: void = user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', selectionCallbacks);
user.sendMFASelectionAnswer(challengeName, selectionCallbacks);
user.sendMFASelectionAnswer('SMS_MFA', {
	onSuccess: (session) => {
		const s: CognitoUserSession = session;
		console.log(s);
	},
	onFailure: (err) => {
		const n: number = err;
		console.log(n);
	},
	mfaRequired: (name, parameters) => {
		const c: ChallengeName = name;
		const p: number = parameters;
		user.sendMFACode('123456', authCallbacks, name);
		console.log(c, p);
	},
	totpRequired: (name: ChallengeName, parameters: any) => console.log(name, parameters),
});
user.sendMFASelectionAnswer('SMS_MFA', authCallbacks);
console.log(associated, tokenVerified, selected);

// Inference from the method types, as wrappers written for the JS SDK do it -------------

type GetSessionCallback = Parameters<CognitoUser['getSession']>[0];
const viaParameters: GetSessionCallback = sessionCallback;
user.getSession(viaParameters);
const noResult: ReturnType<CognitoUser['getSession']> = undefined;
type ChangePasswordArguments = Parameters<CognitoUser['changePassword']>;
const changeArguments: ChangePasswordArguments = ['old', 'new', onChanged, metadata];
user.changePassword(...changeArguments);
const boundDelete = user.deleteUser.bind(user);
boundDelete(onString);
user.changePassword.call(user, 'old', 'new', onChanged);
user.getUserAttributes.apply(user, [onAttributes]);
function promisify<T>(start: (callback: NodeCallback<Error, T>) => void): Promise<T> {
	return new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result as T))));
}
const attributesLater: Promise<CognitoUserAttribute[]> = promisify<CognitoUserAttribute[]>((callback) => user.getUserAttributes(callback));
const userDataLater: Promise<UserData> = promisify<UserData>((callback) => user.getUserData(callback));
console.log(noResult, attributesLater, userDataLater);

// The class itself -----------------------------------------------------------------------

const UserClass: typeof CognitoUser = CognitoUser;
const viaClass: CognitoUser = new UserClass({ Username: 'carol', Pool: pool });
class AppUser extends CognitoUser {
	describe(): string {
		return `${this.getUsername()} (${this.getAuthenticationFlowType()})`;
	}
}
const appUser = new AppUser({ Username: 'dave', Pool: pool });
const asUser: CognitoUser = appUser;
console.log(viaClass, appUser.describe(), asUser);

export {};
