// amazon-cognito-identity-js README, Use case 31: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;

// ---- README snippet ----
cognitoUser.getUserData(function (err, userData) {
	if (err) {
		alert(err.message || JSON.stringify(err));
		return;
	}
	console.log('User data for user ' + userData);
});

// If you want to force to get the user data from backend,
// you can set the bypassCache to true
cognitoUser.getUserData(
	function (err, userData) {
		if (err) {
			alert(err.message || JSON.stringify(err));
			return;
		}
		console.log('User data for user ' + userData);
	},
	{ bypassCache: true }
);
