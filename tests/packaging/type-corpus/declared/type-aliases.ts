// The type aliases and data interfaces of amazon-cognito-identity-js's index.d.ts: values
// assigned to each, every field read into a variable of the type the JS SDK declares for it,
// functions of each callback type called the ways its parameters allow, and the unions
// switched over exhaustively (so a package whose union is wider fails here).
import type {
	ChallengeName,
	ClientMetadata,
	CodeDeliveryDetails,
	CognitoUser,
	ICognitoUserAttributeData,
	IMfaSettings,
	ISignUpResult,
	MFAOption,
	NodeCallback,
	UpdateAttributesNodeCallback,
	UserData,
} from 'amazon-cognito-identity-js';

declare const someError: Error | undefined;
declare const someText: string | undefined;

// NodeCallback<E, T>: (err?: E, result?: T) => void ---------------------------------------

const annotated: NodeCallback<Error, string> = (err?: Error, result?: string) => console.log(err, result);
const inferred: NodeCallback<Error, string> = (err, result) => {
	const e: Error | undefined = err;
	const r: string | undefined = result;
	console.log(e, r);
};
const errorOnly: NodeCallback<Error, string> = (err) => console.log(err?.message);
const noParameters: NodeCallback<Error, string> = () => undefined;
const spread: NodeCallback<Error, string> = (...args) => console.log(args.length);
annotated();
annotated(new Error('failed'));
annotated(undefined, 'done');
annotated(new Error('both'), 'given');
annotated(someError, someText);
inferred(someError);
errorOnly(undefined, someText);
noParameters();
spread();
const forwarded: NodeCallback<Error, string> = (err, result) => annotated(err, result);
forwarded(someError, someText);
const ofAny: NodeCallback<any, any> = (err, result) => {
	const n: number = err;
	const s: string = result;
	console.log(n, s);
};
ofAny(1, 'x');
const asFunction: (err?: Error, result?: string) => void = annotated;
const fromFunction: NodeCallback<Error, string> = asFunction;
console.log(fromFunction);

// NodeCallback.Any: NodeCallback<Error | undefined, any> ----------------------------------

const any1: NodeCallback.Any = (err?: Error, result?: any) => console.log(err, result);
const any2: NodeCallback.Any = (err, result) => {
	const e: Error | undefined = err;
	const n: number = result;
	console.log(e, n);
};
any1();
any1(undefined, { anything: true });
any2(new Error('x'), 42);
const anyAsNode: NodeCallback<Error | undefined, any> = any1;
const nodeAsAny: NodeCallback.Any = annotated;
console.log(anyAsNode, nodeAsAny);

// UpdateAttributesNodeCallback<E, T, K>: (err?: E, result?: T, details?: K) => void -------

const updated: UpdateAttributesNodeCallback<Error, string, any> = (err?: Error, result?: string, details?: any) =>
	console.log(err, result, details);
const updatedInferred: UpdateAttributesNodeCallback<Error, string, any> = (err, result, details) => {
	const e: Error | undefined = err;
	const r: string | undefined = result;
	const d: number = details;
	console.log(e, r, d);
};
const updatedTwo: UpdateAttributesNodeCallback<Error, string, { CodeDeliveryDetailsList: unknown[] }> = (err, result) =>
	console.log(err, result);
updated();
updated(new Error('x'));
updated(undefined, 'SUCCESS', { CodeDeliveryDetailsList: [] });
updatedInferred(someError, someText, undefined);
updatedTwo(undefined, 'SUCCESS', { CodeDeliveryDetailsList: [] });

// ClientMetadata: { [key: string]: string } | undefined ----------------------------------

const metadata: ClientMetadata = { source: 'web', step: '1' };
const noMetadata: ClientMetadata = undefined;
const source: string | undefined = metadata?.source;
const entries: [string, string][] = Object.entries(metadata ?? {});
console.log(noMetadata, source, entries);

// ChallengeName: exactly the six names ---------------------------------------------------

function describeChallenge(name: ChallengeName): string {
	switch (name) {
		case 'CUSTOM_CHALLENGE':
			return 'custom';
		case 'MFA_SETUP':
			return 'mfa setup';
		case 'NEW_PASSWORD_REQUIRED':
			return 'new password';
		case 'SELECT_MFA_TYPE':
			return 'select mfa';
		case 'SMS_MFA':
			return 'sms';
		case 'SOFTWARE_TOKEN_MFA':
			return 'totp';
	}
	const unreachable: never = name;
	return unreachable;
}
const everyChallenge: Record<ChallengeName, boolean> = {
	CUSTOM_CHALLENGE: true,
	MFA_SETUP: true,
	NEW_PASSWORD_REQUIRED: true,
	SELECT_MFA_TYPE: true,
	SMS_MFA: true,
	SOFTWARE_TOKEN_MFA: true,
};
const challengeAsText: string = ((): ChallengeName => 'SMS_MFA')();
console.log(describeChallenge('SMS_MFA'), everyChallenge, challengeAsText);

// CodeDeliveryDetails --------------------------------------------------------------------

const delivery: CodeDeliveryDetails = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' };
const deliveryAttribute: string = delivery.AttributeName;
const deliveryMedium: string = delivery.DeliveryMedium;
const deliveryDestination: string = delivery.Destination;
delivery.Destination = 'b***@e***';
console.log(deliveryAttribute, deliveryMedium, deliveryDestination.toUpperCase());

// IMfaSettings, MFAOption ----------------------------------------------------------------

const mfaSettings: IMfaSettings = { PreferredMfa: true, Enabled: true };
const preferred: boolean = mfaSettings.PreferredMfa;
const enabled: boolean = mfaSettings.Enabled;
const mfaOption: MFAOption = { DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
function describeMedium(option: MFAOption): string {
	switch (option.DeliveryMedium) {
		case 'SMS':
			return 'text message';
		case 'EMAIL':
			return 'email';
	}
	const unreachable: never = option.DeliveryMedium;
	return unreachable;
}
const mfaAttribute: string = mfaOption.AttributeName;
console.log(preferred, enabled, describeMedium(mfaOption), mfaAttribute);

// ICognitoUserAttributeData, UserData ----------------------------------------------------

const attributeData: ICognitoUserAttributeData = { Name: 'email', Value: 'a@example.com' };
const attributeName: string = attributeData.Name;
const attributeValue: string = attributeData.Value;
const userData: UserData = {
	MFAOptions: [mfaOption],
	PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
	UserAttributes: [attributeData],
	UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
	Username: 'alice',
};
function readUserData(data: UserData): void {
	const mfaOptions: MFAOption[] = data.MFAOptions;
	const mfaOptionCount: number = data.MFAOptions.length;
	const firstMedium: 'SMS' | 'EMAIL' = data.MFAOptions[0].DeliveryMedium;
	const preferredMfa: string = data.PreferredMfaSetting;
	const preferredLength: number = data.PreferredMfaSetting.length;
	const attributes: ICognitoUserAttributeData[] = data.UserAttributes;
	const firstAttribute: string = data.UserAttributes[0].Name;
	const settings: string[] = data.UserMFASettingList;
	const settingCount: number = data.UserMFASettingList.length;
	const username: string = data.Username;
	console.log(mfaOptions, mfaOptionCount, firstMedium, preferredMfa, preferredLength, attributes, firstAttribute, settings,
		settingCount, username);
}
readUserData(userData);
console.log(attributeName, attributeValue);

// ISignUpResult --------------------------------------------------------------------------

function readSignUp(result: ISignUpResult): CognitoUser {
	const confirmed: boolean = result.userConfirmed;
	const sub: string = result.userSub;
	const details: CodeDeliveryDetails = result.codeDeliveryDetails;
	const destination: string = result.codeDeliveryDetails.Destination;
	const medium: string = result.codeDeliveryDetails.DeliveryMedium.toLowerCase();
	const attribute: string = result.codeDeliveryDetails.AttributeName;
	console.log(confirmed, sub, details, destination.length, medium, attribute);
	return result.user;
}
function makeSignUp(user: CognitoUser): ISignUpResult {
	return { user, userConfirmed: false, userSub: 'd3f1', codeDeliveryDetails: delivery };
}
export { readSignUp, makeSignUp };
