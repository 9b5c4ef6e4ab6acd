// Not from a README: callbacks annotated the ways apps written against
// amazon-cognito-identity-js's typings annotate them still compile, and the SDK's type names
// (NodeCallback, IAuthenticationCallback, ...) still work.
import {
	AuthenticationDetails, ClientMetadata, CodeDeliveryDetails, CognitoStorageLike, CognitoAccessToken, CognitoIdToken, CognitoRefreshToken,
	CognitoUser, CognitoUserAttribute, CognitoUserPool, CognitoUserSession, CookieStorage, DateHelper, GetSessionOptions,
	IAuthenticationCallback, IAuthenticationDetailsData, ICognitoStorage, ICognitoUserAttributeData, ICognitoUserData,
	ICognitoUserPoolData, ICognitoUserSessionData, ICookieStorageData, IMfaSettings, ISignUpResult, MemoryStorage,
	MFAOption, NodeCallback, UpdateAttributesNodeCallback, UserData, appendToCognitoUserAgent,
} from 'cognito-identity-wasm';

declare const user: CognitoUser;

// The classic getSession annotation.
user.getSession((err: any, session: CognitoUserSession) => {
	if (err) return;
	console.log(session.getIdToken().getJwtToken());
});
user.getSession((err: Error | null, session: CognitoUserSession | null) => console.log(err, session));
// amazon-cognito-identity-js's NodeCallback shape: (err?: E, result?: T).
user.getUserAttributes((err?: Error, attributes?: CognitoUserAttribute[]) => console.log(err, attributes));
user.changePassword('a', 'b', (err: Error | undefined, result: string | undefined) => console.log(err, result));
user.deleteUser((err: any, result: any) => console.log(err, result));
user.updateAttributes([{ Name: 'nickname', Value: 'al' }], (err?: Error, result?: string, details?: any) => console.log(err, result, details));

// The SDK's exported type names.
const onDeleted: NodeCallback<Error, string> = (err, result) => console.log(err ?? result);
user.deleteUser(onDeleted);
const anyCallback: NodeCallback.Any = (err, result) => console.log(err, result);
user.enableMFA(anyCallback);
const onUpdated: UpdateAttributesNodeCallback<Error, string, any> = (err, result, details) => console.log(err, result, details);
user.updateAttributes([], (err) => console.log(err));
user.updateAttributes([], (err, result, details) => { if (!err) console.log(result.length, details.CodeDeliveryDetailsList); });
user.updateAttributes([], onUpdated);

const callbacks: IAuthenticationCallback = {
	onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => console.log(session, userConfirmationNecessary),
	onFailure: (err: any) => console.error(err),
	mfaRequired: (challengeName: any, challengeParameters: any) => user.sendMFACode('123456', callbacks),
	newPasswordRequired: (userAttributes: any, requiredAttributes: any) => user.completeNewPasswordChallenge('pw', {}, callbacks),
};
const detailsData: IAuthenticationDetailsData = { Username: 'alice', Password: 'pw', ValidationData: { k: 'v' }, ClientMetadata: { k: 'v' } };
user.authenticateUser(new AuthenticationDetails(detailsData), callbacks);

const storage: ICognitoStorage = new CookieStorage({ domain: '.example.com', secure: true, sameSite: 'lax', expires: 7 } satisfies ICookieStorageData);
// MemoryStorage.getItem answers undefined for a missing key: a CognitoStorageLike, not an ICognitoStorage.
const memory: CognitoStorageLike = new MemoryStorage();
const poolData: ICognitoUserPoolData = { UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...', Storage: storage, endpoint: 'http://127.0.0.1:4566' };
const pool = new CognitoUserPool(poolData);
const userData: ICognitoUserData = { Username: 'alice', Pool: pool, Storage: storage };
const other = new CognitoUser({ ...userData, Storage: memory });
pool.signUp('bob', 'pw', [], [], (err?: Error, result?: ISignUpResult) => console.log(err, result?.codeDeliveryDetails));

const attributeData: ICognitoUserAttributeData = new CognitoUserAttribute({ Name: 'email', Value: 'a@example.com' });
const sessionData: ICognitoUserSessionData = {
	IdToken: new CognitoIdToken({ IdToken: 'x' }),
	AccessToken: new CognitoAccessToken({ AccessToken: 'y' }),
	RefreshToken: new CognitoRefreshToken({ RefreshToken: 'z' }),
};
other.setSignInUserSession(new CognitoUserSession(sessionData));
const options: GetSessionOptions = { clientMetadata: { k: 'v' } };
const metadata: ClientMetadata = { k: 'v' };
const sms: IMfaSettings = { PreferredMfa: true, Enabled: true };
const delivery: CodeDeliveryDetails | undefined = undefined;
const mfaOption: MFAOption = { DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
const data: UserData = { Username: 'alice', UserAttributes: [attributeData], MFAOptions: [mfaOption], PreferredMfaSetting: 'SMS_MFA', UserMFASettingList: ['SMS_MFA'] };
appendToCognitoUserAgent('my-app/1.0');
const now: string = new DateHelper().getNowString();
console.log(options, metadata, sms, delivery, data, now);
