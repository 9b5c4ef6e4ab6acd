// App clients with a secret (server-side use): every flow of the spine works from Node
// against an emulator client that has a secret and checks SECRET_HASH — sign-up,
// confirmation, resend, SRP and password sign-in, refresh, forgot/confirm password and
// sign-out with revocation — and the same calls without the secret are refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { adminCall, uniqueName } from '../support/admin.mjs';
import { startEmulator } from '../emulator/server.mjs';

const PKG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
const PASSWORD = 'Corr3ct-Horse!';
let emu, AC, pool;

async function codes(username) {
  return (await fetch(`${emu.url}/_test/codes?userPoolId=${pool.UserPoolId}&username=${username}`)).json();
}

async function requests(operation) {
  return (await fetch(`${emu.url}/_test/requests?operation=${operation}`)).json();
}

before(async () => {
  emu = await startEmulator({ port: 0 });
  AC = await import(pathToFileURL(join(PKG, 'index.js')).href);
  const created = await adminCall(emu.url, 'CreateUserPool', { PoolName: uniqueName('secret'), AutoVerifiedAttributes: ['email'] });
  const client = await adminCall(emu.url, 'CreateUserPoolClient', {
    UserPoolId: created.UserPool.Id, ClientName: 'server', GenerateSecret: true,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  assert.ok(client.UserPoolClient.ClientSecret, 'the emulator client has a secret');
  pool = { UserPoolId: created.UserPool.Id, ClientId: client.UserPoolClient.ClientId, ClientSecret: client.UserPoolClient.ClientSecret, endpoint: emu.url };
});
after(() => emu?.close());

describe('an app client with a secret', () => {
  it('signs up, confirms, signs in (SRP and password), refreshes, resets the password and signs out', async () => {
    const userPool = new AC.CognitoUserPool({ ...pool, Storage: new AC.MemoryStorage() });
    const username = uniqueName('sec');
    const signedUp = await userPool.signUp(username, PASSWORD, [new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })], null);
    assert.equal(signedUp.userConfirmed, false);
    const user = new AC.CognitoUser({ Username: username, Pool: userPool });
    await user.resendConfirmationCode();
    assert.equal(await user.confirmRegistration((await codes(username)).signUp, true), 'SUCCESS');

    const session = await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: PASSWORD }));
    assert.equal(session.isValid(), true);
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: PASSWORD }));

    const refreshed = await user.refreshSession(session.getRefreshToken());
    assert.equal(refreshed.isValid(), true);
    const refresh = (await requests('InitiateAuth')).map((r) => JSON.parse(r.body)).filter((b) => b.AuthFlow === 'REFRESH_TOKEN_AUTH');
    assert.equal(refresh.length, 1);
    assert.ok(refresh[0].AuthParameters.SECRET_HASH, 'the refresh carries SECRET_HASH');

    await user.forgotPassword();
    const newPassword = 'N3w-Password!';
    assert.equal(await user.confirmPassword((await codes(username)).forgotPassword, newPassword), 'SUCCESS');
    user.setAuthenticationFlowType('USER_SRP_AUTH');
    await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: newPassword }));

    const revoked = await new Promise((resolve) => user.signOut(resolve));
    assert.equal(revoked, undefined, `signOut(cb) revokes without error: ${revoked && revoked.message}`);
    assert.equal(userPool.getCurrentUser(), null);
    const revokes = (await requests('RevokeToken')).map((r) => JSON.parse(r.body));
    assert.equal(revokes.length, 1);
    assert.equal(revokes[0].ClientSecret, pool.ClientSecret);
  });

  it('without the secret the same client refuses the calls', async () => {
    const { ClientSecret, ...withoutSecret } = pool;
    const userPool = new AC.CognitoUserPool({ ...withoutSecret, Storage: new AC.MemoryStorage() });
    await assert.rejects(
      userPool.signUp(uniqueName('nosec'), PASSWORD, [], null),
      (err) => err.code === 'NotAuthorizedException' && /SECRET_HASH|secret hash/i.test(err.message),
    );
  });
});
