// Administrative operations (IAM-signed in real AWS; the emulator accepts
// any or no Authorization header). Used by test set-up, not by the SDK.
import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidParameter, NotAuthorized, UserNotFound, UsernameExists } from '../errors.mjs';
import { makeVerifier } from '../srp-server.mjs';
import {
  attributeList,
  checkPasswordPolicy,
  checkRequiredAttributes,
  findUser,
  getPool,
  parseAttributes,
  reqStr,
  userKey,
  validateUsername,
} from './common.mjs';
import { mfaShape, poolMfa } from './mfa-settings.mjs';
import { parseSignInPolicy, setRelyingParty, signInPolicyShape } from './sign-in-config.mjs';
import { revokeAllForUser } from './tokens.mjs';

const list = (v, member) => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw InvalidParameter(`Value at '${member}' must be a list of strings.`);
  return v;
};

function describePool(pool) {
  return {
    Id: pool.id,
    Name: pool.poolName,
    Arn: `arn:aws:cognito-idp:${pool.region}:000000000000:userpool/${pool.id}`,
    Policies: { PasswordPolicy: pool.passwordPolicy, SignInPolicy: signInPolicyShape(pool) },
    AutoVerifiedAttributes: pool.autoVerified,
    UsernameAttributes: pool.usernameAttributes.length ? pool.usernameAttributes : undefined,
    AliasAttributes: pool.aliasAttributes.length ? pool.aliasAttributes : undefined,
    UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
    MfaConfiguration: poolMfa(pool).configuration,
    DeviceConfiguration: pool.devices
      ? { ChallengeRequiredOnNewDevice: pool.devices.challengeRequiredOnNewDevice, DeviceOnlyRememberedOnUserPrompt: pool.devices.deviceOnlyRememberedOnUserPrompt }
      : undefined,
    EstimatedNumberOfUsers: pool.users.size,
    CreationDate: pool.createdAt / 1000,
    LastModifiedDate: (pool.modifiedAt ?? pool.createdAt) / 1000,
  };
}

/** DeviceConfiguration: giving any member turns device tracking on (null/absent: off). */
function parseDeviceConfiguration(v) {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw InvalidParameter("Value at 'deviceConfiguration' must be a structure.");
  for (const k of ['ChallengeRequiredOnNewDevice', 'DeviceOnlyRememberedOnUserPrompt']) {
    if (v[k] !== undefined && typeof v[k] !== 'boolean') throw InvalidParameter(`Value at 'deviceConfiguration.${k}' must be a boolean.`);
  }
  return {
    challengeRequiredOnNewDevice: v.ChallengeRequiredOnNewDevice === true,
    deviceOnlyRememberedOnUserPrompt: v.DeviceOnlyRememberedOnUserPrompt === true,
  };
}

/**
 * CreateUserPool's MfaConfiguration only knows SMS (its SmsConfiguration);
 * SetUserPoolMfaConfig sets TOTP and email factors.
 */
function parsePoolMfa(input, current) {
  const conf = input.MfaConfiguration;
  if (conf === undefined) return current;
  if (!['OFF', 'ON', 'OPTIONAL'].includes(conf)) throw InvalidParameter("Value at 'mfaConfiguration' must be one of OFF, ON, OPTIONAL.");
  const enabled = new Set(current?.enabled ?? []);
  if (conf !== 'OFF' && !enabled.size) enabled.add('SMS_MFA');
  return { ...(current ?? {}), configuration: conf, enabled };
}

/**
 * SignInPolicy lives under Policies in AWS; a top-level one would be silently
 * ignored there, so it is refused here to keep set-up mistakes loud.
 * WebAuthnRelyingPartyID is an emulator-only shortcut (AWS: SetUserPoolMfaConfig
 * WebAuthnConfiguration.RelyingPartyId).
 */
function applySignInSettings(pool, input) {
  if (input.SignInPolicy !== undefined) throw InvalidParameter('SignInPolicy belongs under Policies: {Policies: {SignInPolicy: {AllowedFirstAuthFactors: [...]}}}.');
  if (input.Policies?.SignInPolicy !== undefined) pool.signInPolicy = parseSignInPolicy(input.Policies.SignInPolicy);
  if (input.WebAuthnRelyingPartyID !== undefined) setRelyingParty(pool, { rpId: input.WebAuthnRelyingPartyID });
}

function CreateUserPool({ store }, input) {
  const poolName = reqStr(input, 'PoolName', 'poolName');
  if (!/^[\w\s+=,.@-]{1,128}$/.test(poolName)) throw InvalidParameter("Value at 'poolName' failed to satisfy constraint.");
  const pp = input.Policies?.PasswordPolicy ?? {};
  const schema = Array.isArray(input.Schema) ? input.Schema : [];
  const standard = new Set(['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username']);
  const id = store.newPoolId(typeof input.Region === 'string' ? input.Region : undefined);
  const pool = {
    id,
    region: id.split('_')[0],
    // The SRP "pool name" is the part of the id after "_", not PoolName.
    name: id.split('_')[1],
    poolName,
    createdAt: store.now(),
    autoVerified: list(input.AutoVerifiedAttributes, 'autoVerifiedAttributes'),
    usernameAttributes: list(input.UsernameAttributes, 'usernameAttributes'),
    aliasAttributes: list(input.AliasAttributes, 'aliasAttributes'),
    caseSensitive: input.UsernameConfiguration?.CaseSensitive !== false,
    passwordPolicy: {
      MinimumLength: Number.isInteger(pp.MinimumLength) ? pp.MinimumLength : 8,
      RequireUppercase: pp.RequireUppercase === true,
      RequireLowercase: pp.RequireLowercase === true,
      RequireNumbers: pp.RequireNumbers === true,
      RequireSymbols: pp.RequireSymbols === true,
    },
    requiredAttributes: schema.filter((a) => a?.Required === true).map((a) => a.Name),
    customAttributes: new Set(schema.filter((a) => a && !standard.has(a.Name)).map((a) => `custom:${a.Name}`)),
    users: new Map(),
    devices: parseDeviceConfiguration(input.DeviceConfiguration),
    mfa: parsePoolMfa(input, { configuration: 'OFF', enabled: new Set() }),
    signInPolicy: parseSignInPolicy(),
  };
  applySignInSettings(pool, input);
  if (pool.usernameAttributes.length && pool.aliasAttributes.length) {
    throw InvalidParameter('UsernameAttributes and AliasAttributes cannot be set at the same time.');
  }
  store.pools.set(id, pool);
  return { UserPool: describePool(pool) };
}

/**
 * Members given replace the pool's; absent ones are kept (AWS resets them,
 * but this is a test set-up tool). DeviceConfiguration: null turns tracking off.
 */
function UpdateUserPool({ store }, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  if (input.DeviceConfiguration !== undefined) pool.devices = parseDeviceConfiguration(input.DeviceConfiguration);
  pool.mfa = parsePoolMfa(input, poolMfa(pool));
  if (input.AutoVerifiedAttributes !== undefined) pool.autoVerified = list(input.AutoVerifiedAttributes, 'autoVerifiedAttributes');
  const pp = input.Policies?.PasswordPolicy;
  if (pp) pool.passwordPolicy = { ...pool.passwordPolicy, ...pp };
  applySignInSettings(pool, input);
  pool.modifiedAt = store.now();
  return {};
}

const DescribeUserPool = ({ store }, input) => ({ UserPool: describePool(getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'))) });

function adminUser(store, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  const user = findUser(pool, reqStr(input, 'Username', 'username'));
  if (!user) throw UserNotFound('User does not exist.');
  return { pool, user };
}

const userShape = (user) => ({
  Username: user.username,
  UserAttributes: attributeList(user),
  UserCreateDate: user.createdAt / 1000,
  UserLastModifiedDate: user.modifiedAt / 1000,
  Enabled: user.enabled,
  UserStatus: user.status,
  ...mfaShape(user),
});

function AdminConfirmSignUp({ store }, input) {
  const { user } = adminUser(store, input);
  if (user.status !== 'UNCONFIRMED') throw NotAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  user.status = 'CONFIRMED';
  user.modifiedAt = store.now();
  delete user.codes.signUp;
  return {};
}

const AdminGetUser = ({ store }, input) => userShape(adminUser(store, input).user);

function AdminDeleteUser({ store }, input) {
  const { pool, user } = adminUser(store, input);
  revokeAllForUser(store, pool, user);
  pool.users.delete(userKey(pool, user.username));
  return {};
}

/** A temporary password that satisfies any policy the emulator can express. */
const generatedPassword = (pool) =>
  `Tmp${randomBytes(Math.max(8, pool.passwordPolicy.MinimumLength)).toString('base64url')}a1!`;

function AdminCreateUser({ store }, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  const typed = reqStr(input, 'Username', 'username');
  validateUsername(typed);
  const attributes = parseAttributes(pool, input.UserAttributes);
  if (input.MessageAction === 'RESEND') {
    const existing = findUser(pool, typed);
    if (!existing) throw UserNotFound('User does not exist.');
    return { User: userShape(existing) };
  }
  const sub = randomUUID();
  let username = typed;
  if (pool.usernameAttributes.length) {
    const attr = typed.includes('@') ? 'email' : 'phone_number';
    if (!pool.usernameAttributes.includes(attr)) throw InvalidParameter('Username should be either an email or a phone number.');
    attributes.set(attr, typed);
    username = sub;
  }
  if (findUser(pool, typed) || pool.users.has(userKey(pool, username))) throw UsernameExists('User account already exists');
  checkRequiredAttributes(pool, attributes);
  const temporaryPassword = input.TemporaryPassword ?? generatedPassword(pool);
  if (typeof temporaryPassword !== 'string') throw InvalidParameter("Value at 'temporaryPassword' must be a string.");
  checkPasswordPolicy(pool, temporaryPassword);
  const now = store.now();
  const user = {
    username,
    sub,
    attributes,
    status: 'FORCE_CHANGE_PASSWORD',
    enabled: true,
    verifier: makeVerifier(pool.name, username, temporaryPassword),
    createdAt: now,
    modifiedAt: now,
    codes: {},
    temporaryPassword, // exposed via /_test/codes only
  };
  pool.users.set(userKey(pool, username), user);
  return { User: { ...userShape(user), Attributes: attributeList(user), UserAttributes: undefined } };
}

function AdminSetUserPassword({ store }, input) {
  const { pool, user } = adminUser(store, input);
  const password = reqStr(input, 'Password', 'password');
  checkPasswordPolicy(pool, password);
  user.verifier = makeVerifier(pool.name, user.username, password);
  user.status = input.Permanent === true ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  user.temporaryPassword = input.Permanent === true ? undefined : password;
  user.modifiedAt = store.now();
  return {};
}

export { adminUser };

export default {
  CreateUserPool,
  UpdateUserPool,
  DescribeUserPool,
  AdminConfirmSignUp,
  AdminGetUser,
  AdminDeleteUser,
  AdminCreateUser,
  AdminSetUserPassword,
};
