// The first sign-in of a fresh page, started right after the library's script tag ran:
// before the page has finished loading, with no idle time before it. What a user who
// clicks "Sign in" on a fast-loading page gets, and where the time the browser takes to
// get a just-loaded library's code going (its first, unoptimised runs) shows. bench/run.mjs
// inlines this file into the page right after the library's script tag (an inline script
// runs at once; a src= one would first be fetched). Storage is empty, as on a first visit.
// client = wall time from authenticateUser() to onSuccess minus the time spent inside the
// fake Cognito (fake-cognito.js's serverMs). The result goes to window.__firstSignIn.
(function () {
  'use strict';
  var F = window.__fixture;
  var log = window.__fakeCognito;
  var done = function (r) { window.__firstSignIn = r; };
  var fail = function (what) {
    return function (e) { done({ error: what + ': ' + (e && (e.code || e.name)) + ' ' + (e && e.message) }); };
  };
  try {
    var AC = window.AmazonCognitoIdentity;
    var pool = new AC.CognitoUserPool({ UserPoolId: F.userPoolId, ClientId: F.clientId });
    var user = new AC.CognitoUser({ Username: F.username, Pool: pool });
    var details = new AC.AuthenticationDetails({ Username: F.username, Password: F.password });
    log.reset();
    var t0 = performance.now();
    user.authenticateUser(details, Object.assign(log.unexpectedCallbacks(fail), {
      onSuccess: function (session) {
        var t1 = performance.now();
        if (!(session && session.isValid && session.isValid())) return done({ error: 'session not valid' });
        done({
          wall: t1 - t0,
          server: log.serverMs,
          client: t1 - t0 - log.serverMs,
          a: log.tInitiate - t0,
          calls: log.calls.join(','),
          unexpected: log.unexpected,
          lastInitiate: log.lastInitiate,
          lastRespond: log.lastRespond,
        });
      },
    }));
  } catch (e) {
    done({ error: String((e && e.message) || e) });
  }
})();
