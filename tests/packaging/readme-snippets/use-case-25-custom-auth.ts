// amazon-cognito-identity-js README, Use case 25: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;
declare const authenticationDetails: AmazonCognitoIdentity.AuthenticationDetails;

// ---- README snippet ----
cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH');

cognitoUser.initiateAuth(authenticationDetails, {
	onSuccess: function (result) {
		// User authentication was successful
	},
	onFailure: function (err) {
		// User authentication was not successful
	},
	customChallenge: function (challengeParameters) {
		// User authentication depends on challenge response
		var challengeResponses = 'challenge-answer';
		cognitoUser.sendCustomChallengeAnswer(challengeResponses, this);
	},
});
