// IAuthenticationCallback of amazon-cognito-identity-js's index.d.ts: objects of the type
// built with annotated and with contextually typed members, every member read and called
// with the arguments its declared type allows, and the object handed on.
import { AuthenticationDetails, CognitoUser } from 'amazon-cognito-identity-js';
import type { ChallengeName, CognitoUserSession, IAuthenticationCallback } from 'amazon-cognito-identity-js';

declare const user: CognitoUser;
declare const session: CognitoUserSession;

const annotated: IAuthenticationCallback = {
	onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => console.log(session, userConfirmationNecessary),
	onFailure: (err: any) => console.error(err.code, err.message),
	newPasswordRequired: (userAttributes: any, requiredAttributes: any) => console.log(userAttributes.email, requiredAttributes[0]),
	mfaRequired: (challengeName: ChallengeName, challengeParameters: any) => console.log(challengeName, challengeParameters.CODE_DELIVERY_DESTINATION),
	totpRequired: (challengeName: ChallengeName, challengeParameters: any) => console.log(challengeName, challengeParameters),
	customChallenge: (challengeParameters: any) => console.log(challengeParameters.question),
	mfaSetup: (challengeName: ChallengeName, challengeParameters: any) => console.log(challengeName, challengeParameters),
	selectMFAType: (challengeName: ChallengeName, challengeParameters: any) => console.log(challengeName, challengeParameters.MFAS_CAN_CHOOSE),
};

// Contextually typed: each parameter has the declared type (any stays any).
const inferred: IAuthenticationCallback = {
	onSuccess(session, userConfirmationNecessary) {
		const s: CognitoUserSession = session;
		const confirm: boolean | undefined = userConfirmationNecessary;
		console.log(s.getIdToken().getJwtToken(), confirm);
	},
	onFailure(err) {
		const asNumber: number = err;
		const asText: string = err;
		console.log(asNumber, asText, err.whatever.you.like);
	},
	newPasswordRequired(userAttributes, requiredAttributes) {
		const attributes: number = userAttributes;
		const required: string[] = requiredAttributes;
		delete userAttributes.email_verified;
		user.completeNewPasswordChallenge('N3w-Passw0rd!', userAttributes, this);
		console.log(attributes, required);
	},
	mfaRequired(challengeName, challengeParameters) {
		const name: ChallengeName = challengeName;
		const text: string = challengeName;
		const parameters: number = challengeParameters;
		user.sendMFACode('123456', this, challengeName);
		console.log(name, text, parameters);
	},
	totpRequired(challengeName, challengeParameters) {
		user.sendMFACode('123456', this, 'SOFTWARE_TOKEN_MFA');
		console.log(challengeName, challengeParameters.anything);
	},
	customChallenge(challengeParameters) {
		const parameters: boolean = challengeParameters;
		user.sendCustomChallengeAnswer(challengeParameters.answer, this);
		console.log(parameters);
	},
	mfaSetup(challengeName, challengeParameters) {
		user.associateSoftwareToken({
			associateSecretCode: (secretCode) => console.log(secretCode.length),
			onFailure: (err) => console.log(err),
		});
		console.log(challengeName, challengeParameters);
	},
	selectMFAType(challengeName, challengeParameters) {
		user.sendMFASelectionAnswer('SMS_MFA', this);
		console.log(challengeName, challengeParameters);
	},
};

// Only the required members; function expressions; methods without parameters.
const minimal: IAuthenticationCallback = { onSuccess() {}, onFailure() {} };
const functions: IAuthenticationCallback = {
	onSuccess: function (session) {
		console.log(session.getAccessToken().getJwtToken());
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
};

// Reading and calling each member with what its declared type accepts.
function drive(callbacks: IAuthenticationCallback): void {
	const onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void = callbacks.onSuccess;
	const onFailure: (err: any) => void = callbacks.onFailure;
	onSuccess(session);
	callbacks.onSuccess(session, true);
	onFailure(new Error('x'));
	callbacks.onFailure('a string');
	callbacks.onFailure({ code: 'NotAuthorizedException' });
	callbacks.onFailure(undefined);
	callbacks.newPasswordRequired?.({ email: 'a@example.com' }, ['name']);
	callbacks.newPasswordRequired?.(1, 2);
	callbacks.mfaRequired?.('SMS_MFA', { CODE_DELIVERY_DESTINATION: '+*******1234' });
	callbacks.totpRequired?.('SOFTWARE_TOKEN_MFA', null);
	callbacks.customChallenge?.({ question: 'x' });
	callbacks.mfaSetup?.('MFA_SETUP', {});
	callbacks.selectMFAType?.('SELECT_MFA_TYPE', {});
	const newPasswordRequired: ((userAttributes: any, requiredAttributes: any) => void) | undefined = callbacks.newPasswordRequired;
	const mfaRequired: ((challengeName: ChallengeName, challengeParameters: any) => void) | undefined = callbacks.mfaRequired;
	const totpRequired: ((challengeName: ChallengeName, challengeParameters: any) => void) | undefined = callbacks.totpRequired;
	const customChallenge: ((challengeParameters: any) => void) | undefined = callbacks.customChallenge;
	const mfaSetup: ((challengeName: ChallengeName, challengeParameters: any) => void) | undefined = callbacks.mfaSetup;
	const selectMFAType: ((challengeName: ChallengeName, challengeParameters: any) => void) | undefined = callbacks.selectMFAType;
	callbacks.mfaRequired = undefined;
	console.log(newPasswordRequired, mfaRequired, totpRequired, customChallenge, mfaSetup, selectMFAType);
}

// A class implementing the interface, and the objects handed to the sign-in methods.
class SignInScreen implements IAuthenticationCallback {
	onSuccess(session: CognitoUserSession): void {
		console.log(session.isValid());
	}
	onFailure(err: any): void {
		console.log(err);
	}
	mfaRequired(challengeName: ChallengeName, challengeParameters: any): void {
		console.log(challengeName, challengeParameters);
	}
}
const details = new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' });
for (const callbacks of [annotated, inferred, minimal, functions, new SignInScreen()]) {
	drive(callbacks);
	user.authenticateUser(details, callbacks);
	user.initiateAuth(details, callbacks);
}
