// amazon-cognito-identity-js README, Use case 17: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const userPool: AmazonCognitoIdentity.CognitoUserPool;
// AWS: the AWS SDK for JavaScript, declared in aws-sdk-global.d.ts

// ---- README snippet ----
var cognitoUser = userPool.getCurrentUser();

if (cognitoUser != null) {
	cognitoUser.getSession(function (err, result) {
		if (result) {
			console.log('You are now logged in.');

			//POTENTIAL: Region needs to be set if not already set previously elsewhere.
			AWS.config.region = '<region>';

			// Add the User's Id Token to the Cognito credentials login map.
			AWS.config.credentials = new AWS.CognitoIdentityCredentials({
				IdentityPoolId: 'YOUR_IDENTITY_POOL_ID',
				Logins: {
					'cognito-idp.<region>.amazonaws.com/<YOUR_USER_POOL_ID>': result
						.getIdToken()
						.getJwtToken(),
				},
			});
		}
	});
}
//call refresh method in order to authenticate user and get new temp credentials
AWS.config.credentials.refresh(error => {
	if (error) {
		console.error(error);
	} else {
		console.log('Successfully logged!');
	}
});
