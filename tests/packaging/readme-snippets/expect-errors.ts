// Not from a README: mistakes the declarations must reject (each line below has to be an
// error, or tsc fails with "Unused '@ts-expect-error' directive"). Proves the types are
// precise, not `any`.
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, CognitoUserSession } from 'cognito-identity-wasm';

declare const user: CognitoUser;

// @ts-expect-error UserPoolId must be a string
new CognitoUserPool({ UserPoolId: 42, ClientId: '...' });
// @ts-expect-error ClientId is required
new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34' });
// @ts-expect-error Pool is required
new CognitoUser({ Username: 'alice' });
// @ts-expect-error no such method
user.authenticate(new AuthenticationDetails({ Username: 'alice', Password: 'pw' }));
// @ts-expect-error a Promise of a session, not a session
const notAwaited: CognitoUserSession = user.getSession();
// @ts-expect-error with a callback there is no Promise to await
const fromCallback: CognitoUserSession = await user.getSession((err, session) => console.log(err, session));
// @ts-expect-error the callback object needs onFailure
user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), { onSuccess: () => {} });
// @ts-expect-error onSuccess gets a session, not a string
user.authenticateUser(new AuthenticationDetails({ Username: 'alice' }), { onSuccess: (s: string) => {}, onFailure: () => {} });
user.getUserAttributes((err, attributes) => {
	// @ts-expect-error attributes is null when err is set: check err first
	attributes.length;
});
// @ts-expect-error the attribute list holds attributes, not strings
user.updateAttributes(['nickname']);
// @ts-expect-error an MFA type Cognito does not know
user.sendMFACode('123456', null, 'VOICE_MFA');
// @ts-expect-error attribute names are strings
new CognitoUserAttribute({ Name: 1 });
user.getSession().then((session) => {
	// @ts-expect-error getIdToken() returns a token object, not a string
	const jwt: string = session.getIdToken();
});
// @ts-expect-error CookieStorage's sameSite is strict, lax or none
import('cognito-identity-wasm').then(({ CookieStorage }) => new CookieStorage({ sameSite: 'always' }));

export {};
