// Self-service registration: SignUp, ConfirmSignUp, ResendConfirmationCode.
// Codes are random and only readable through GET /_test/codes.
import { randomUUID } from 'node:crypto';
import { CodeMismatch, ExpiredCode, InvalidParameter, NotAuthorized, UserNotFound, UsernameExists } from '../errors.mjs';
import { makeVerifier } from '../srp-server.mjs';
import {
  checkPasswordPolicy,
  checkRequiredAttributes,
  checkSecretHash,
  deliveryFor,
  findUser,
  getClient,
  issueCode,
  parseAttributes,
  reqStr,
  userKey,
  validateUsername,
} from './common.mjs';

function SignUp({ store }, input) {
  const { client, pool } = getClient(store, reqStr(input, 'ClientId', 'clientId'));
  const typed = reqStr(input, 'Username', 'username');
  const password = reqStr(input, 'Password', 'password');
  validateUsername(typed);
  checkSecretHash(client, input.SecretHash, [typed]);
  const attributes = parseAttributes(pool, input.UserAttributes);
  parseAttributes(pool, input.ValidationData, 'validationData'); // shape check only; no triggers here

  const sub = randomUUID();
  let username = typed;
  if (pool.usernameAttributes.length) {
    // Email/phone as username: Cognito stores a generated id as the username
    // (it is what USER_ID_FOR_SRP carries) and the typed value as the attribute.
    const attr = typed.includes('@') ? 'email' : 'phone_number';
    if (!pool.usernameAttributes.includes(attr)) {
      throw InvalidParameter(pool.usernameAttributes.length === 1 && pool.usernameAttributes[0] === 'email'
        ? 'Username should be an email.'
        : 'Username should be either an email or a phone number.');
    }
    const given = attributes.get(attr);
    if (given !== undefined && given !== typed) throw InvalidParameter(`The ${attr} attribute must match the username.`);
    attributes.set(attr, typed);
    if (findUser(pool, typed)) throw UsernameExists(`An account with the given ${attr === 'email' ? 'email' : 'phone_number'} already exists.`);
    parseAttributes(pool, [{ Name: attr, Value: typed }]); // format check
    username = sub;
  }
  if (pool.users.has(userKey(pool, username))) throw UsernameExists('User already exists');
  checkRequiredAttributes(pool, attributes);
  checkPasswordPolicy(pool, password);

  const now = store.now();
  const user = {
    username,
    sub,
    attributes,
    status: 'UNCONFIRMED',
    enabled: true,
    verifier: makeVerifier(pool.name, username, password),
    createdAt: now,
    modifiedAt: now,
    codes: {},
  };
  pool.users.set(userKey(pool, username), user);

  const delivery = deliveryFor(pool, user);
  // Without an auto-verified channel Cognito sends nothing; only an admin can confirm.
  if (delivery) issueCode(store, user, 'signUp', delivery);
  const out = { UserConfirmed: false, UserSub: sub };
  if (delivery) out.CodeDeliveryDetails = delivery;
  return out;
}

function lookup(store, input) {
  const { client, pool } = getClient(store, reqStr(input, 'ClientId', 'clientId'));
  const typed = reqStr(input, 'Username', 'username');
  const user = findUser(pool, typed);
  checkSecretHash(client, input.SecretHash, [typed, user?.username]);
  if (!user) throw UserNotFound('Username/client id combination not found.');
  return { pool, user };
}

function ConfirmSignUp({ store }, input) {
  const { user } = lookup(store, input);
  const code = reqStr(input, 'ConfirmationCode', 'confirmationCode');
  if (!/^[\S]{1,2048}$/.test(code)) {
    throw InvalidParameter("1 validation error detected: Value at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+");
  }
  if (user.status !== 'UNCONFIRMED') throw NotAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  const pending = user.codes.signUp;
  if (!pending || pending.code !== code) throw CodeMismatch('Invalid verification code provided, please try again.');
  if (pending.expiresAt <= store.now()) throw ExpiredCode('Invalid code provided, please request a code again.');
  delete user.codes.signUp; // single use
  user.status = 'CONFIRMED';
  user.attributes.set(`${pending.delivery.AttributeName}_verified`, 'true');
  user.modifiedAt = store.now();
  return {};
}

function ResendConfirmationCode({ store }, input) {
  const { pool, user } = lookup(store, input);
  if (user.status !== 'UNCONFIRMED') throw InvalidParameter('User is already confirmed.');
  const delivery = deliveryFor(pool, user);
  if (!delivery) throw InvalidParameter('Cannot resend codes. Auto verification not turned on.');
  issueCode(store, user, 'signUp', delivery);
  return { CodeDeliveryDetails: delivery };
}

export default { SignUp, ConfirmSignUp, ResendConfirmationCode };
