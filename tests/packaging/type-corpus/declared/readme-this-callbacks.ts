// The JS SDK's README hands a callback object on with `this`: use case 12 (forgot password,
// in the README's earlier form) calls `cognitoUser.confirmPassword(code, pw, this)` inside
// `inputVerificationCode`, use case 6 `verifyAttribute(..., this)` inside
// getAttributeVerificationCode's, use case 23 `completeNewPasswordChallenge(..., this)`
// inside newPasswordRequired.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';

const userPool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '1example23456789' });
const cognitoUser = new CognitoUser({ Username: 'alice', Pool: userPool });

// Use case 12, with `this`.
cognitoUser.forgotPassword({
	onSuccess: function (data) {
		// successfully initiated reset password request
		console.log('CodeDeliveryData from forgotPassword: ' + data);
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
	//Optional automatic callback
	inputVerificationCode: function (data) {
		console.log('Code sent to: ' + data);
		var verificationCode = prompt('Please input verification code ', '') ?? '';
		var newPassword = prompt('Enter new password ', '') ?? '';
		cognitoUser.confirmPassword(verificationCode, newPassword, this);
	},
});

// Use case 6.
cognitoUser.getAttributeVerificationCode('email', {
	onSuccess: function (result) {
		console.log('call result: ' + result);
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
	inputVerificationCode: function () {
		var verificationCode = prompt('Please input verification code: ', '') ?? '';
		cognitoUser.verifyAttribute('email', verificationCode, this);
	},
});

// Use case 23.
cognitoUser.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }), {
	onSuccess: function (result) {
		console.log(result.getAccessToken().getJwtToken());
	},
	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},
	newPasswordRequired: function (userAttributes, requiredAttributes) {
		delete userAttributes.email_verified;
		var sessionUserAttributes = userAttributes;
		cognitoUser.completeNewPasswordChallenge('N3w-Passw0rd!', sessionUserAttributes, this);
		console.log(requiredAttributes);
	},
	mfaRequired: function (codeDeliveryDetails) {
		var verificationCode = prompt('Please input verification code', '') ?? '';
		cognitoUser.sendMFACode(verificationCode, this);
		console.log(codeDeliveryDetails);
	},
});

export {};
