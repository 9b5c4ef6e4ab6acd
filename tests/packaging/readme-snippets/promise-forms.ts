// Not from a README: the Promise form of every method whose last argument is a callback
// (leave the callback out), with the result types the declarations promise.
import {
	AuthenticationDetails, CodeDeliveryResult, CognitoError, CognitoUser, CognitoUserAttribute, CognitoUserPool,
	CognitoUserSession, ISignUpResult, MFAOption, UnhandledChallengeError, UserData, VerifySoftwareTokenResult,
} from 'cognito-identity-wasm';

const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...', refreshTokenRotation: true });

async function register(): Promise<void> {
	const email = new CognitoUserAttribute({ Name: 'email', Value: 'a@example.com' });
	const signedUp: ISignUpResult = await pool.signUp('alice', 'Passw0rd!', [email]);
	const withAll: ISignUpResult = await pool.signUp('alice', 'Passw0rd!', [{ Name: 'email', Value: 'a@example.com' }], null, null, { source: 'web' });
	const user: CognitoUser = signedUp.user;
	const confirmed: 'SUCCESS' = await user.confirmRegistration('123456', true);
	const resent: CodeDeliveryResult = await user.resendConfirmationCode();
	console.log(withAll.userSub, confirmed, resent.CodeDeliveryDetails.Destination);
}

async function signIn(user: CognitoUser): Promise<CognitoUserSession> {
	const details = new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' });
	try {
		return await user.authenticateUser(details);
	} catch (e) {
		const err = e as CognitoError | UnhandledChallengeError;
		if (err.code !== 'UnhandledChallengeException' || !('challengeName' in err)) throw err;
		// The sign-in waits for the answer to the challenge:
		switch (err.challengeName) {
			case 'SMS_MFA':
				return user.sendMFACode('123456');
			case 'SOFTWARE_TOKEN_MFA':
				return user.sendMFACode('123456', null, 'SOFTWARE_TOKEN_MFA');
			case 'EMAIL_OTP':
				return user.sendMFACode('123456', undefined, 'EMAIL_OTP', { source: 'web' });
			case 'SELECT_MFA_TYPE':
				return user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA');
			case 'NEW_PASSWORD_REQUIRED':
				return user.completeNewPasswordChallenge('N3w-Passw0rd!', { name: 'Alice' });
			case 'CUSTOM_CHALLENGE':
				return user.sendCustomChallengeAnswer('answer', null, { step: '1' });
			case 'MFA_SETUP': {
				const secret: string = await user.associateSoftwareToken();
				console.log(`otpauth://totp/alice?secret=${secret}`);
				const done = await user.verifySoftwareToken('123456', 'phone');
				if (done instanceof CognitoUserSession) return done;
				throw new Error(`unexpected ${done.Status}`);
			}
		}
		throw err;
	}
}

async function customAuth(user: CognitoUser): Promise<CognitoUserSession> {
	user.setAuthenticationFlowType('CUSTOM_AUTH');
	return user.initiateAuth(new AuthenticationDetails({ Username: 'alice', AuthParameters: { CHALLENGE: 'x' } }));
}

async function account(user: CognitoUser): Promise<void> {
	const session: CognitoUserSession = await user.getSession();
	const withOptions: CognitoUserSession = await user.getSession(null, { clientMetadata: { k: 'v' } });
	const refreshed: CognitoUserSession = await user.refreshSession(session.getRefreshToken());
	const attributes: CognitoUserAttribute[] = await user.getUserAttributes();
	const names: string[] = attributes.map((a) => a.getName());
	const data: UserData = await user.getUserData();
	const fresh: UserData = await user.getUserData(null, { bypassCache: true });
	const updated: 'SUCCESS' = await user.updateAttributes([new CognitoUserAttribute({ Name: 'nickname', Value: 'al' })]);
	const deleted: 'SUCCESS' = await user.deleteAttributes(['nickname']);
	const sent: CodeDeliveryResult = await user.getAttributeVerificationCode('email');
	const verified: 'SUCCESS' = await user.verifyAttribute('email', '123456');
	const changed: 'SUCCESS' = await user.changePassword('Passw0rd!', 'N3w-Passw0rd!');
	const mfaOptions: MFAOption[] | undefined = await user.getMFAOptions();
	const enabled: 'SUCCESS' = await user.enableMFA();
	const disabled: 'SUCCESS' = await user.disableMFA();
	const preferred: 'SUCCESS' = await user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true });
	const emailMfa: 'SUCCESS' = await user.setUserMfaPreference(null, null, null, { PreferredMfa: false, Enabled: true });
	const verifiedToken: CognitoUserSession | VerifySoftwareTokenResult = await user.verifySoftwareToken('123456');
	console.log(withOptions, refreshed, names, data.UserAttributes, fresh.PreferredMfaSetting, updated, deleted, sent, verified, changed,
		mfaOptions, enabled, disabled, preferred, emailMfa, verifiedToken);
}

async function passwords(user: CognitoUser): Promise<void> {
	const sent: CodeDeliveryResult = await user.forgotPassword();
	console.log(sent.CodeDeliveryDetails.DeliveryMedium);
	const confirmed: 'SUCCESS' = await user.confirmPassword('123456', 'N3w-Passw0rd!');
	console.log(confirmed);
}

async function leave(user: CognitoUser): Promise<void> {
	const everywhere: 'SUCCESS' = await user.globalSignOut();
	const here: void = await user.signOut();
	user.signOut((err) => console.log(err?.code));
	const gone: 'SUCCESS' = await user.deleteUser();
	console.log(everywhere, here, gone);
}

export { register, signIn, customAuth, account, passwords, leave };
