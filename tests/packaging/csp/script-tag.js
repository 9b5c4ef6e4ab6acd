// The script-tag page: uses the global that amazon-cognito-identity.min.js defines.
if (window.AmazonCognitoIdentity) {
	window.signIn(window.AmazonCognitoIdentity);
} else {
	window.result = { ok: false, loaded: false };
}
