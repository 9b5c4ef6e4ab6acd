// amazon-cognito-identity-js README, Use case 30: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;
declare const authenticationDetails: AmazonCognitoIdentity.AuthenticationDetails;
declare const verificationCode: string;

// ---- README snippet ----
cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');

cognitoUser.authenticateUser(authenticationDetails, {
	onSuccess: function (result) {
		// User authentication was successful
	},
	onFailure: function (err) {
		// User authentication was not successful
	},
	mfaRequired: function (codeDeliveryDetails) {
		// MFA is required to complete user authentication.
		// Get the code from user and call
		cognitoUser.sendMFACode(verificationCode, this);
	},
});
