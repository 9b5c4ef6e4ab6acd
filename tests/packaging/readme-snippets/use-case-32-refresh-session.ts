// amazon-cognito-identity-js README, Use case 32: the snippet as written there, with the
// import changed; lines marked CHANGED are edits strict TypeScript needs. Declarations above
// the marker stand for what the README defines elsewhere.
import * as AmazonCognitoIdentity from 'cognito-identity-wasm';
declare const cognitoUser: AmazonCognitoIdentity.CognitoUser;
// AWS: the AWS SDK for JavaScript, declared in aws-sdk-global.d.ts
declare const session: AmazonCognitoIdentity.CognitoUserSession;

// ---- README snippet ----
var refresh_token = session.getRefreshToken(); // receive session from calling cognitoUser.getSession()
if (AWS.config.credentials.needsRefresh()) {
	cognitoUser.refreshSession(refresh_token, (err, session) => {
		if (err) {
			console.log(err);
		} else {
			AWS.config.credentials.params.Logins[
				'cognito-idp.<YOUR-REGION>.amazonaws.com/<YOUR_USER_POOL_ID>'
			] = session.getIdToken().getJwtToken();
			AWS.config.credentials.refresh(err => {
				if (err) {
					console.log(err);
				} else {
					console.log('TOKEN SUCCESSFULLY UPDATED');
				}
			});
		}
	});
}
