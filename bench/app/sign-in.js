// The tiny app both bundles are built from: create a pool and sign in with SRP.
// Credentials come from the benchmark's fixture page (window.__fixture).
export function signIn({ AuthenticationDetails, CognitoUser, CognitoUserPool }) {
  const f = window.__fixture;
  const pool = new CognitoUserPool({ UserPoolId: f.userPoolId, ClientId: f.clientId });
  const user = new CognitoUser({ Username: f.username, Pool: pool });
  const details = new AuthenticationDetails({ Username: f.username, Password: f.password });
  user.authenticateUser(details, {
    onSuccess: session => { window.__app = { ok: true, idToken: session.getIdToken().getJwtToken().length }; },
    onFailure: err => { window.__app = { ok: false, error: `${err && err.code}: ${err && err.message}` }; },
  });
}
