// amazon-cognito-identity-js README, Use case 12: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;
// The page of the README's HTML snippet, with its two inputs:
declare const document: { getElementById(id: 'code' | 'new_password'): HTMLInputElement };

// ---- README snippet ----
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
		var verificationCode = document.getElementById('code').value;
		var newPassword = document.getElementById('new_password').value;
		cognitoUser.confirmPassword(verificationCode, newPassword, {
			onSuccess() {
				console.log('Password confirmed!');
			},
			onFailure(err) {
				console.log('Password not confirmed!');
			},
		});
	},
});
