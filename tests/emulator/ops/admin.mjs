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
import { revokeAllForUser } from './tokens.mjs';

const AUTH_FLOWS = new Set([
  'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH',
  'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH',
]);
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

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
    Policies: { PasswordPolicy: pool.passwordPolicy },
    AutoVerifiedAttributes: pool.autoVerified,
    UsernameAttributes: pool.usernameAttributes.length ? pool.usernameAttributes : undefined,
    AliasAttributes: pool.aliasAttributes.length ? pool.aliasAttributes : undefined,
    UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
    MfaConfiguration: 'OFF',
    EstimatedNumberOfUsers: pool.users.size,
    CreationDate: pool.createdAt / 1000,
    LastModifiedDate: pool.createdAt / 1000,
  };
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
  };
  if (pool.usernameAttributes.length && pool.aliasAttributes.length) {
    throw InvalidParameter('UsernameAttributes and AliasAttributes cannot be set at the same time.');
  }
  store.pools.set(id, pool);
  return { UserPool: describePool(pool) };
}

function validitySeconds(input) {
  const units = input.TokenValidityUnits ?? {};
  const pick = (key, unitKey, defUnit) => {
    const v = input[key];
    if (v === undefined || v === null) return undefined;
    if (!Number.isInteger(v) || v <= 0) throw InvalidParameter(`Value at '${key}' must be a positive integer.`);
    const unit = units[unitKey] ?? defUnit;
    if (!UNIT_SECONDS[unit]) throw InvalidParameter(`Invalid TokenValidityUnits.${unitKey}: ${unit}`);
    return v * UNIT_SECONDS[unit];
  };
  const out = {
    accessSeconds: pick('AccessTokenValidity', 'AccessToken', 'hours'),
    idSeconds: pick('IdTokenValidity', 'IdToken', 'hours'),
    refreshSeconds: pick('RefreshTokenValidity', 'RefreshToken', 'days'),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function CreateUserPoolClient({ store }, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  const clientName = reqStr(input, 'ClientName', 'clientName');
  let flows = list(input.ExplicitAuthFlows, 'explicitAuthFlows');
  for (const f of flows) if (!AUTH_FLOWS.has(f)) throw InvalidParameter(`Invalid ExplicitAuthFlows value: ${f}`);
  const usesAllow = flows.some((f) => f.startsWith('ALLOW_'));
  if (usesAllow && flows.some((f) => !f.startsWith('ALLOW_'))) {
    throw InvalidParameter('The ExplicitAuthFlows ALLOW_* values cannot be combined with legacy values.');
  }
  if (usesAllow && !flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    throw InvalidParameter('ALLOW_REFRESH_TOKEN_AUTH is required when using ALLOW_* ExplicitAuthFlows.');
  }
  if (!flows.length) flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
  const client = {
    id: store.newClientId(),
    poolId: pool.id,
    name: clientName,
    secret: input.GenerateSecret === true ? randomBytes(38).toString('base64url').slice(0, 51) : null,
    explicitAuthFlows: flows,
    validity: validitySeconds(input),
    enableTokenRevocation: input.EnableTokenRevocation !== false,
    preventUserExistenceErrors: input.PreventUserExistenceErrors === 'ENABLED',
    createdAt: store.now(),
  };
  store.clients.set(client.id, client);
  return {
    UserPoolClient: {
      UserPoolId: pool.id,
      ClientName: client.name,
      ClientId: client.id,
      ClientSecret: client.secret ?? undefined,
      ExplicitAuthFlows: client.explicitAuthFlows,
      AccessTokenValidity: input.AccessTokenValidity,
      IdTokenValidity: input.IdTokenValidity,
      RefreshTokenValidity: input.RefreshTokenValidity ?? 30,
      TokenValidityUnits: input.TokenValidityUnits,
      EnableTokenRevocation: client.enableTokenRevocation,
      PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      AllowedOAuthFlowsUserPoolClient: false,
      CreationDate: client.createdAt / 1000,
      LastModifiedDate: client.createdAt / 1000,
    },
  };
}

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

export default {
  CreateUserPool,
  CreateUserPoolClient,
  AdminConfirmSignUp,
  AdminGetUser,
  AdminDeleteUser,
  AdminCreateUser,
  AdminSetUserPassword,
};
