// amazon-cognito-identity-js README, Use case 6: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;
// The user answers (the DOM's prompt() may return null):
declare function prompt(message?: string, _default?: string): string;

// ---- README snippet ----
cognitoUser.getAttributeVerificationCode('email', {
	onSuccess: function (result) {
		console.log('call result: ' + result);
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
	inputVerificationCode: function () {
		var verificationCode = prompt('Please input verification code: ', '');
		cognitoUser.verifyAttribute('email', verificationCode, this);
	},
});
