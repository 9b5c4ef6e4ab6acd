// amazon-cognito-identity-js README, Use case 16 with React Native: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';

// ---- README snippet ----
var poolData = {
	UserPoolId: '...', // Your user pool id here
	ClientId: '...', // Your client id here
};
var userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData);

userPool.storage.sync(function (err, result) {
	if (err) {
	} else if (result === 'SUCCESS') {
		var cognitoUser = userPool.getCurrentUser();
		// Continue with steps in Use case 16
	}
});
