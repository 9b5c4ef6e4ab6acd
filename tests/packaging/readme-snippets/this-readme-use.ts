// This package's README, "Use": the snippet as written there.
import { CognitoUserPool, CognitoUser, AuthenticationDetails, CognitoUserAttribute } from 'cognito-identity-wasm';

const userPool = new CognitoUserPool({ UserPoolId: 'us-east-1_AbCdEf123', ClientId: '1example23456789' });

// Register
userPool.signUp('alice', 'Passw0rd!', [new CognitoUserAttribute({ Name: 'email', Value: 'alice@example.com' })], null,
  (err, result) => { if (err) return alert(err.message); console.log(result.user.getUsername()); });

// Confirm, then sign in (USER_SRP_AUTH: the password never leaves the page)
const user = new CognitoUser({ Username: 'alice', Pool: userPool });
user.confirmRegistration('123456', true, (err, result) => console.log(err || result)); // 'SUCCESS'
user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }), {
  onSuccess(session) { console.log(session.getIdToken().payload.email); },
  onFailure(err) { console.error(err.code, err.message); },
});

// Later, or after a reload
const current = userPool.getCurrentUser();
const session = current && (await current.getSession()); // Promise form: no callback

export {};
