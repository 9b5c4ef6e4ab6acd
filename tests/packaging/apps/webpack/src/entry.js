// Built by webpack (bundlers.test.mjs): the package imported by name, callback form. The
// pool, user and password come in the page's query string (?config=JSON).
import { CognitoUserPool, CognitoUser, AuthenticationDetails } from 'cognito-identity-wasm';

const config = JSON.parse(new URLSearchParams(location.search).get('config'));
const userPool = new CognitoUserPool({ UserPoolId: config.UserPoolId, ClientId: config.ClientId, endpoint: config.endpoint });
const cognitoUser = new CognitoUser({ Username: config.username, Pool: userPool });
const authenticationDetails = new AuthenticationDetails({ Username: config.username, Password: config.password });

cognitoUser.authenticateUser(authenticationDetails, {
	onSuccess(session) {
		window.result = {
			ok: true,
			username: session.getIdToken().payload['cognito:username'],
			valid: session.isValid(),
			lastAuthUser: localStorage.getItem(`CognitoIdentityServiceProvider.${config.ClientId}.LastAuthUser`),
		};
	},
	onFailure(err) {
		window.result = { ok: false, code: err.code, message: err.message };
	},
});
