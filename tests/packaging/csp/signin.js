// window.signIn(AC): signs in with the library object AC (the script-tag global or the ES
// module namespace) and puts the outcome in window.result. The pool, user and password come
// in the page's query string (?config=JSON). A classic script: no inline code under the CSP.
window.signIn = function (AC) {
	var config = JSON.parse(new URLSearchParams(location.search).get('config'));
	var userPool = new AC.CognitoUserPool({ UserPoolId: config.UserPoolId, ClientId: config.ClientId, endpoint: config.endpoint });
	var cognitoUser = new AC.CognitoUser({ Username: config.username, Pool: userPool });
	var authenticationDetails = new AC.AuthenticationDetails({ Username: config.username, Password: config.password });
	cognitoUser.authenticateUser(authenticationDetails, {
		onSuccess: function (session) {
			window.result = { ok: true, username: session.getIdToken().payload['cognito:username'], valid: session.isValid() };
		},
		onFailure: function (err) {
			window.result = { ok: false, code: err.code, message: err.message };
		},
	});
};
