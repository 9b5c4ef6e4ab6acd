// In-page helper (installed with page.addInitScript before a file's own helpers): turns
// what the library under test (window.AC) hands to callbacks and Promises into plain data
// that page.evaluate can return, for the challenge and passwordless tests.
export function installResultView() {
  /** A serialisable view of a callback argument or a settled value. */
  function plain(v) {
    if (v instanceof AC.CognitoUserSession) return { session: harness.sessionInfo(v) };
    if (v instanceof Error || (v && typeof v === 'object' && 'code' in v && 'message' in v)) {
      return { error: { ...harness.errInfo(v), challengeName: v.challengeName, challengeParameters: v.challengeParameters, availableChallenges: v.availableChallenges } };
    }
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }
  window.resultView = {
    plain,
    /** harness.callbacks' record, each argument made plain. */
    calls(list) {
      return list.map((c) => ({ name: c.name, thisIsCallback: c.thisIsCallback, args: c.args.map(plain) }));
    },
    async settled(p) {
      const r = await harness.settle(p);
      return r.ok ? { ok: true, value: plain(r.value) } : { ok: false, error: plain(r.error).error };
    },
    /** The pool client's keys in localStorage. */
    keys(poolData) {
      return harness.keysWithPrefix(localStorage, `CognitoIdentityServiceProvider.${poolData.ClientId}.`);
    },
  };
}
