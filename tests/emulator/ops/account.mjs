// Account self-service. With an access token (checked like GetUser):
// UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode,
// VerifyUserAttribute, ChangePassword, DeleteUser. Without: ForgotPassword,
// ConfirmForgotPassword. Codes are readable at GET /_test/codes as
// "attribute:<name>" and "forgotPassword".
import {
  AliasExists, CodeMismatch, ExpiredCode, InvalidParameter, NotAuthorized, UserNotFound, WRONG_PASSWORD, missing,
} from '../errors.mjs';
import * as srp from '../srp-server.mjs';
import {
  checkPasswordPolicy, checkSecretHash, findUser, getClient, issueCode, maskEmail, maskPhone, parseAttributes,
  rejectUnwritable, reqStr, userKey,
} from './common.mjs';
import { disableMfa } from './mfa-settings.mjs';
import { authenticateAccessToken, revokeAllForUser } from './tokens.mjs';

const VERIFIABLE = ['email', 'phone_number'];
const FORGOT_CODE_LIFETIME_MS = 3600 * 1000;
const BAD_CODE = 'Invalid verification code provided, please try again.';
const EXPIRED_CODE = 'Invalid code provided, please request a code again.';

const deliveryOf = (name, value) => (name === 'email'
  ? { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
  : { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' });

/** A code for the attribute's current value; a later change of the value voids it. */
function sendAttributeCode(store, user, name) {
  const value = user.attributes.get(name);
  const delivery = deliveryOf(name, value);
  issueCode(store, user, `attribute:${name}`, delivery).value = value;
  return delivery;
}

function checkCodeFormat(code, member) {
  if (!/^[\S]{1,2048}$/.test(code)) {
    throw InvalidParameter(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+`);
  }
}

/** An email/phone that signs users in must stay unique in the pool. */
function checkAliasFree(pool, user, name, value) {
  const asUsername = pool.usernameAttributes.includes(name);
  if (!asUsername && !pool.aliasAttributes.includes(name)) return;
  for (const other of pool.users.values()) {
    if (other === user || other.attributes.get(name) !== value) continue;
    if (asUsername || other.attributes.get(`${name}_verified`) === 'true') {
      throw AliasExists(`An account with the given ${name} already exists.`);
    }
  }
}

/**
 * A changed email/phone_number replaces the old value at once, unverified;
 * when the attribute is auto-verified a code goes out (CodeDeliveryDetailsList).
 */
function UpdateUserAttributes(ctx, input) {
  const { store } = ctx;
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  if (input.UserAttributes === undefined || input.UserAttributes === null) throw missing('userAttributes');
  const attrs = parseAttributes(pool, input.UserAttributes);
  rejectUnwritable(attrs);
  for (const [name, value] of attrs) {
    if (pool.requiredAttributes.includes(name) && !value) {
      throw InvalidParameter(`Attributes did not conform to the schema: ${name}: The attribute ${name} is required`);
    }
    if (VERIFIABLE.includes(name) && value !== user.attributes.get(name)) checkAliasFree(pool, user, name, value);
  }
  const deliveries = [];
  for (const [name, value] of attrs) {
    const changed = user.attributes.get(name) !== value;
    user.attributes.set(name, value);
    if (!VERIFIABLE.includes(name) || !changed) continue;
    user.attributes.set(`${name}_verified`, 'false');
    if (pool.autoVerified.includes(name)) deliveries.push(sendAttributeCode(store, user, name));
  }
  user.modifiedAt = store.now();
  return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
}

function DeleteUserAttributes(ctx, input) {
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  const names = input.UserAttributeNames;
  if (names === undefined || names === null) throw missing('userAttributeNames');
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw InvalidParameter("Value at 'userAttributeNames' must be a list of strings.");
  // Validate the names against the schema (values are irrelevant here).
  parseAttributes(pool, names.map((Name) => ({ Name, Value: '' })), 'userAttributeNames');
  for (const name of names) {
    if (pool.requiredAttributes.includes(name)) {
      throw InvalidParameter(`Attributes did not conform to the schema: ${name}: The attribute ${name} is required`);
    }
  }
  for (const name of names) {
    user.attributes.delete(name);
    if (VERIFIABLE.includes(name)) {
      user.attributes.delete(`${name}_verified`);
      delete user.codes[`attribute:${name}`];
      if (name === 'phone_number') disableMfa(user, 'SMS_MFA');
    }
  }
  user.modifiedAt = ctx.store.now();
  return {};
}

function GetUserAttributeVerificationCode(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const name = reqStr(input, 'AttributeName', 'attributeName');
  if (!VERIFIABLE.includes(name)) throw InvalidParameter(`Attribute ${name} cannot be verified: only email and phone_number can.`);
  if (!user.attributes.get(name)) throw InvalidParameter(`The user has no ${name} to verify.`);
  return { CodeDeliveryDetails: sendAttributeCode(ctx.store, user, name) };
}

function VerifyUserAttribute(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const name = reqStr(input, 'AttributeName', 'attributeName');
  const code = reqStr(input, 'Code', 'code');
  checkCodeFormat(code, 'code');
  const pending = user.codes[`attribute:${name}`];
  if (!pending || pending.code !== code || pending.value !== user.attributes.get(name)) throw CodeMismatch(BAD_CODE);
  if (pending.expiresAt <= ctx.store.now()) throw ExpiredCode(EXPIRED_CODE);
  delete user.codes[`attribute:${name}`];
  user.attributes.set(`${name}_verified`, 'true');
  user.modifiedAt = ctx.store.now();
  return {};
}

/** A new salt and verifier: the new password signs in over SRP and plain auth, the old one no longer does. */
function setPassword(store, pool, user, password) {
  user.verifier = srp.makeVerifier(pool.name, user.username, password);
  user.modifiedAt = store.now();
}

function ChangePassword(ctx, input) {
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  const previous = reqStr(input, 'PreviousPassword', 'previousPassword');
  const proposed = reqStr(input, 'ProposedPassword', 'proposedPassword');
  if (!srp.checkPassword(user.verifier, pool.name, user.username, previous)) throw NotAuthorized(WRONG_PASSWORD);
  checkPasswordPolicy(pool, proposed);
  setPassword(ctx.store, pool, user, proposed);
  return {};
}

function DeleteUser(ctx, input) {
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  revokeAllForUser(ctx.store, pool, user);
  pool.users.delete(userKey(pool, user.username));
  return {};
}

function lookup(store, input) {
  const { client, pool } = getClient(store, reqStr(input, 'ClientId', 'clientId'));
  const typed = reqStr(input, 'Username', 'username');
  const user = findUser(pool, typed);
  checkSecretHash(client, input.SecretHash, [typed, user?.username]);
  return { client, pool, user };
}

/** Recovery goes to a verified email first, then a verified phone. */
function ForgotPassword({ store }, input) {
  const { client, user } = lookup(store, input);
  if (!user) {
    if (client.preventUserExistenceErrors) {
      return { CodeDeliveryDetails: { Destination: 'u***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
    }
    throw UserNotFound('Username/client id combination not found.');
  }
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') throw NotAuthorized('User password cannot be reset in the current state.');
  const name = VERIFIABLE.find((a) => user.attributes.get(a) && user.attributes.get(`${a}_verified`) === 'true');
  if (!name) throw InvalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
  const delivery = deliveryOf(name, user.attributes.get(name));
  // Password-reset codes live 1 hour, not the 24 h of confirmation codes.
  issueCode(store, user, 'forgotPassword', delivery).expiresAt = store.now() + FORGOT_CODE_LIFETIME_MS;
  return { CodeDeliveryDetails: delivery };
}

function ConfirmForgotPassword({ store }, input) {
  const { pool, user } = lookup(store, input);
  const code = reqStr(input, 'ConfirmationCode', 'confirmationCode');
  const password = reqStr(input, 'Password', 'password');
  checkCodeFormat(code, 'confirmationCode');
  if (!user) throw UserNotFound('Username/client id combination not found.');
  const pending = user.codes.forgotPassword;
  if (!pending || pending.code !== code) throw CodeMismatch(BAD_CODE);
  if (pending.expiresAt <= store.now()) throw ExpiredCode(EXPIRED_CODE);
  checkPasswordPolicy(pool, password); // a weak password leaves the code usable
  delete user.codes.forgotPassword;
  setPassword(store, pool, user, password);
  if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED';
  return {};
}

export default {
  UpdateUserAttributes,
  DeleteUserAttributes,
  GetUserAttributeVerificationCode,
  VerifyUserAttribute,
  ChangePassword,
  DeleteUser,
  ForgotPassword,
  ConfirmForgotPassword,
};
