// amazon-cognito-identity-js README, Use case 18: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;
declare const limit: number;
declare const paginationToken: string | null;

// ---- README snippet ----
cognitoUser.listDevices(limit, paginationToken, {
	onSuccess: function (result) {
		console.log('call result: ' + result);
	},
	onFailure: function (err) {
		alert(err.message);
	},
});
