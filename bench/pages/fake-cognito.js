// In-page fake Cognito for the benchmarks. Replaces window.fetch BEFORE the library
// loads, so both libraries (ours reads the global `fetch` per call; the JS SDK's bundle
// calls the global `fetch` too) talk to it. Answers come back as already-resolved
// Promises of real `Response` objects whose bodies were built once at page load, so
// the fake itself costs next to nothing inside the timed region.
//
// InitiateAuth (USER_SRP_AUTH) → PASSWORD_VERIFIER with the fixture's SRP_B, SALT,
// SECRET_BLOCK, USER_ID_FOR_SRP (B = k·v + g^b for a real verifier, so the signature
// can be checked afterwards in Node). RespondToAuthChallenge → AuthenticationResult
// with JWT-shaped tokens expiring in an hour. Anything else is an error (and counted).
(function () {
  'use strict';
  var F = window.__fixture;
  if (!F) throw new Error('fake-cognito.js: load fixture.js first');

  function b64url(text) {
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function jwt(payload) {
    return b64url(JSON.stringify({ kid: 'bench-key', alg: 'RS256' })) + '.' + b64url(JSON.stringify(payload)) + '.' + F.jwtSignature;
  }

  var now = Math.floor(Date.now() / 1000);
  var iss = 'https://cognito-idp.us-east-1.amazonaws.com/' + F.userPoolId;
  var common = { sub: F.userIdForSrp, iss: iss, origin_jti: 'c2a1e7a4-0d4e-4c57-9b0a-3c7f4a4d2f10', event_id: '3f1f7a3e-8f0a-4a57-8d71-7c2e8d9b1e44', auth_time: now, exp: now + 3600, iat: now, jti: '7b9f0c6e-2f6c-4b3e-9a1d-5e8f2c4d6a11' };
  var access = Object.assign({}, common, { token_use: 'access', scope: 'aws.cognito.signin.user.admin', client_id: F.clientId, username: F.userIdForSrp });
  var id = Object.assign({}, common, { aud: F.clientId, token_use: 'id', email_verified: true, 'cognito:username': F.userIdForSrp, email: 'alice@example.com' });

  var initiateBody = JSON.stringify({
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: F.salt, SECRET_BLOCK: F.secretBlock, SRP_B: F.srpB,
      USERNAME: F.userIdForSrp, USER_ID_FOR_SRP: F.userIdForSrp,
    },
  });
  var respondBody = JSON.stringify({
    AuthenticationResult: {
      AccessToken: jwt(access), ExpiresIn: 3600, IdToken: jwt(id),
      RefreshToken: F.refreshToken, TokenType: 'Bearer',
    },
    ChallengeParameters: {},
  });
  var jsonHeaders = { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bench' };

  function header(init, name) {
    var h = init && init.headers;
    if (!h) return undefined;
    if (typeof h.get === 'function') return h.get(name);
    var lower = name.toLowerCase();
    for (var k in h) if (k.toLowerCase() === lower) return h[k];
    return undefined;
  }

  // serverMs: the time spent inside this fake fetch since the last reset (building the
  // Response): what a timing subtracts as server time to leave the client's.
  var log = window.__fakeCognito = {
    tInitiate: null, tRespond: null, calls: [], unexpected: [], lastInitiate: null, lastRespond: null, serverMs: 0,
    reset: function () { this.tInitiate = null; this.tRespond = null; this.calls = []; this.serverMs = 0; },
    // The callbacks a plain SRP sign-in must never reach, each failing through `fail(name)`.
    unexpectedCallbacks: function (fail) {
      var out = {};
      ['onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup', 'selectMFAType']
        .forEach(function (name) { out[name] = fail(name); });
      return out;
    },
  };

  window.fetch = function (url, init) {
    var t = performance.now();
    try {
      return answer(url, init, t);
    } finally {
      log.serverMs += performance.now() - t;
    }
  };

  function answer(url, init, t) {
    var op = String(header(init, 'X-Amz-Target') || '').split('.').pop();
    if (op === 'InitiateAuth') {
      log.tInitiate = t;
      log.calls.push(op);
      log.lastInitiate = init.body;
      return Promise.resolve(new Response(initiateBody, { status: 200, headers: jsonHeaders }));
    }
    if (op === 'RespondToAuthChallenge') {
      log.tRespond = t;
      log.calls.push(op);
      log.lastRespond = init.body;
      return Promise.resolve(new Response(respondBody, { status: 200, headers: jsonHeaders }));
    }
    log.unexpected.push(op || String(url));
    return Promise.resolve(new Response(JSON.stringify({ __type: 'InvalidParameterException', message: 'bench fake: unexpected ' + op }), {
      status: 400, headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InvalidParameterException:' },
    }));
  }
})();
