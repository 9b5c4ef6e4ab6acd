// amazon-cognito-identity-js README, Use case 27: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
// The user answers (the DOM's prompt() may return null):
declare function prompt(message?: string, _default?: string): string;

// ---- README snippet ----
var authenticationData = {
	Username: 'username',
	Password: 'password',
};
var authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails(
	authenticationData
);
var poolData = {
	UserPoolId: '...', // Your user pool id here
	ClientId: '...', // Your client id here
};
var userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData);
var userData = {
	Username: 'username',
	Pool: userPool,
};
var cognitoUser = new AmazonCognitoIdentity.CognitoUser(userData);

cognitoUser.authenticateUser(authenticationDetails, {
	onSuccess: function (result) {
		var accessToken = result.getAccessToken().getJwtToken();
	},

	onFailure: function (err) {
		alert(err.message || JSON.stringify(err));
	},

	mfaSetup: function (challengeName, challengeParameters) {
		cognitoUser.associateSoftwareToken(this);
	},

	associateSecretCode: function (secretCode) {
		var challengeAnswer = prompt('Please input the TOTP code.', '');
		cognitoUser.verifySoftwareToken(challengeAnswer, 'My TOTP device', this);
	},

	selectMFAType: function (challengeName, challengeParameters) {
		var mfaType = prompt('Please select the MFA method.', ''); // valid values for mfaType is "SMS_MFA", "SOFTWARE_TOKEN_MFA"
		cognitoUser.sendMFASelectionAnswer(mfaType, this);
	},

	totpRequired: function (secretCode) {
		var challengeAnswer = prompt('Please input the TOTP code.', '');
		cognitoUser.sendMFACode(challengeAnswer, this, 'SOFTWARE_TOKEN_MFA');
	},

	mfaRequired: function (codeDeliveryDetails) {
		var verificationCode = prompt('Please input verification code', '');
		cognitoUser.sendMFACode(verificationCode, this);
	},
});
