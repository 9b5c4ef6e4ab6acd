// CUSTOM_AUTH without Lambdas: POST /_test/custom-auth stores, per pool, what
// the Define/Create/Verify Auth Challenge triggers would do: an optional SRP
// password step first, then a list of challenges with their expected answers
// and public parameters. A wrong answer re-issues the same challenge; the
// third wrong answer fails the sign-in (a typical Define trigger).
import { InvalidParameter, NotAuthorized, WRONG_PASSWORD, missing } from '../errors.mjs';
import { checkSecretHash, findUser } from './common.mjs';
import { checkDeviceKey } from './device-store.mjs';
import { finishSignIn } from './flow.mjs';
import { consumeSession, openSession, peekSession } from './sessions.mjs';

export const MAX_CUSTOM_ATTEMPTS = 3;

export function customConfig(store, pool) {
  const cfg = store.customAuth.get(pool.id);
  if (!cfg) throw InvalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  return cfg;
}

/** Challenge `index` of the pool's list, or the end of the custom flow. */
export function issueCustomChallenge(ctx, st, index, attempts = 0) {
  const cfg = customConfig(ctx.store, st.pool);
  if (index >= cfg.challenges.length) return finishSignIn(ctx, { ...st, custom: false });
  const session = openSession(ctx.store, {
    ...st,
    step: 'CUSTOM_CHALLENGE',
    data: { deviceKey: st.deviceKey ?? null, custom: true, index, attempts },
  });
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: session,
    // Cognito adds USERNAME (the stored username) to the trigger's public parameters.
    ChallengeParameters: { ...cfg.challenges[index].publicChallengeParameters, USERNAME: st.user.username },
  };
}

export function respondCustomChallenge(ctx, pool, client, input, cr) {
  const { store } = ctx;
  const { rec, user } = peekSession(store, input.Session, { client, steps: ['CUSTOM_CHALLENGE'] });
  if (cr.USERNAME === undefined) throw missing('challengeResponses.USERNAME');
  if (cr.ANSWER === undefined) throw missing('challengeResponses.ANSWER');
  checkSecretHash(client, cr.SECRET_HASH, [cr.USERNAME, user.username]);
  if (findUser(pool, cr.USERNAME) !== user) throw NotAuthorized(WRONG_PASSWORD);
  checkDeviceKey(pool, user, cr.DEVICE_KEY);
  consumeSession(store, rec); // every answer consumes its session
  const cfg = customConfig(store, pool);
  const st = { pool, client, user, deviceKey: cr.DEVICE_KEY ?? rec.deviceKey, custom: true };
  if (cfg.challenges[rec.index]?.answer === cr.ANSWER) return issueCustomChallenge(ctx, st, rec.index + 1);
  const attempts = rec.attempts + 1;
  if (attempts >= MAX_CUSTOM_ATTEMPTS) {
    const e = NotAuthorized(WRONG_PASSWORD);
    e.detail = `wrong ANSWER ${attempts} times`;
    throw e;
  }
  return issueCustomChallenge(ctx, st, rec.index, attempts);
}
