// Sign-in timing harness, loaded after the library's script tag (whichever library
// defines window.AmazonCognitoIdentity in this page). Driven from bench/run.mjs.
(function () {
  'use strict';
  var F = window.__fixture;
  var log = window.__fakeCognito;
  var pause = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };

  /**
   * A pool on emptied storage. Unless `signedOut`, storage names someone as LastAuthUser, as
   * on a returning user's page: ours then computes nothing ahead of time (it precomputes
   * a and A at idle only on signed-out pages), so a timed sign-in does all of its SRP work
   * while it is timed. The JS SDK ignores the key when signing in.
   */
  function freshPool(signedOut) {
    localStorage.clear();
    if (!signedOut) localStorage.setItem('CognitoIdentityServiceProvider.' + F.clientId + '.LastAuthUser', 'someone-else');
    return new window.AmazonCognitoIdentity.CognitoUserPool({ UserPoolId: F.userPoolId, ClientId: F.clientId });
  }

  /** One USER_SRP_AUTH sign-in: ms from authenticateUser() to onSuccess, and to InitiateAuth. */
  function signInOnce(pool) {
    var AC = window.AmazonCognitoIdentity;
    pool = pool || freshPool(false);
    var user = new AC.CognitoUser({ Username: F.username, Pool: pool });
    var details = new AC.AuthenticationDetails({ Username: F.username, Password: F.password });
    log.reset();
    return new Promise(function (resolve, reject) {
      var fail = function (what) { return function (e) { reject(new Error(what + ': ' + (e && (e.code || e.name)) + ' ' + (e && e.message) + ' unexpected=' + log.unexpected.join(','))); }; };
      var t0 = performance.now();
      user.authenticateUser(details, Object.assign(log.unexpectedCallbacks(fail), {
        onSuccess: function (session) {
          var t1 = performance.now();
          var ok = session && session.isValid && session.isValid();
          if (!ok) return reject(new Error('session not valid'));
          resolve({
            total: t1 - t0,
            a: log.tInitiate - t0,
            rest: t1 - log.tRespond,
            calls: log.calls.join(','),
          });
        },
      }));
    });
  }

  /** `warmup` unrecorded sign-ins after the first (cold) one, then `runs` recorded ones. */
  async function run(warmup, runs) {
    var cold = await signInOnce();
    await pause(5);
    for (var i = 0; i < warmup; i++) { await signInOnce(); await pause(5); }
    var out = [];
    for (var j = 0; j < runs; j++) { out.push(await signInOnce()); await pause(5); }
    return { cold: cold, runs: out, lastInitiate: log.lastInitiate, lastRespond: log.lastRespond, unexpected: log.unexpected };
  }

  /**
   * The first sign-in of a signed-out page whose pool was made at load, as apps do, after
   * the page sat idle `ms` (the user typing): ours has computed a and A by then.
   */
  async function afterIdle(ms) {
    var pool = freshPool(true);
    await pause(ms);
    return signInOnce(pool);
  }

  /** The JS SDK's AuthenticationHelper on its own (only the JS SDK exports it). */
  async function sdkHelper(warmup, runs) {
    var AC = window.AmazonCognitoIdentity;
    if (!AC.AuthenticationHelper) return null;
    var poolName = F.userPoolId.split('_')[1];
    var once = function () {
      var t0 = performance.now();
      var h = new AC.AuthenticationHelper(poolName); // k = H(N|g), random a, A = g^a
      var t1 = performance.now();
      var A2 = null;
      h.calculateA(h.smallAValue, function (err, A) { if (err) throw err; A2 = A; }); // g^a alone
      var t2 = performance.now();
      var BigInteger = h.N.constructor;
      var key = null;
      h.getPasswordAuthenticationKey(F.userIdForSrp, F.password, new BigInteger(F.srpB, 16), new BigInteger(F.salt, 16), function (err, k) { if (err) throw err; key = k; });
      var t3 = performance.now();
      if (!A2 || !key) throw new Error('AuthenticationHelper gave nothing');
      return { ctor: t1 - t0, calculateA: t2 - t1, passwordKey: t3 - t2 };
    };
    for (var i = 0; i < warmup; i++) { once(); await pause(5); }
    var out = [];
    for (var j = 0; j < runs; j++) { out.push(once()); await pause(5); }
    return out;
  }

  window.__bench = { signInOnce: signInOnce, run: run, afterIdle: afterIdle, sdkHelper: sdkHelper };
  window.__ready = true;
})();
