// Shared validation and lookup rules used by several operations.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import {
  InvalidParameter,
  InvalidPassword,
  NotAuthorized,
  ResourceNotFound,
  missing,
} from '../errors.mjs';

export const CODE_LIFETIME_MS = 24 * 3600 * 1000;

/** Required string member; `member` is the camelCase name AWS uses in validation messages. */
export function reqStr(input, key, member) {
  const v = input[key];
  if (v === undefined || v === null) throw missing(member);
  if (typeof v !== 'string') throw InvalidParameter(`Value at '${member}' must be a string.`);
  return v;
}

export function optStr(input, key, member) {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw InvalidParameter(`Value at '${member}' must be a string.`);
  return v;
}

/** Map<string,string> members (AuthParameters, ChallengeResponses). The JS SDK sends
 * `"DEVICE_KEY": null`, which real Cognito tolerates, so nulls count as absent. */
export function stringMap(input, key, member) {
  const v = input[key];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw InvalidParameter(`Value at '${member}' must be a map.`);
  const out = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) continue;
    if (typeof val !== 'string') throw InvalidParameter(`Value at '${member}.${k}' must be a string.`);
    out[k] = val;
  }
  return out;
}

export function getPool(store, poolId) {
  const pool = store.pools.get(poolId);
  if (!pool) throw ResourceNotFound(`User pool ${poolId} does not exist.`);
  return pool;
}

export function getClient(store, clientId) {
  const client = store.clients.get(clientId);
  if (!client || !store.pools.has(client.poolId)) throw ResourceNotFound(`User pool client ${clientId} does not exist.`);
  return { client, pool: store.pools.get(client.poolId) };
}

export function validateUsername(username) {
  if (username.length < 1 || username.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username)) {
    throw InvalidParameter(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
}

export const userKey = (pool, name) => (pool.caseSensitive ? name : name.toLowerCase());
const sameText = (pool, a, b) => (pool.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());

/**
 * Resolve what a caller typed as "username": the stored username, or an
 * email/phone when the pool uses them as usernames (any status, so
 * ConfirmSignUp works) or as aliases (only once verified, like Cognito).
 */
export function findUser(pool, name) {
  if (typeof name !== 'string') return null;
  const direct = pool.users.get(userKey(pool, name));
  if (direct) return direct;
  for (const attr of ['email', 'phone_number']) {
    const asUsername = pool.usernameAttributes.includes(attr);
    const asAlias = pool.aliasAttributes.includes(attr);
    if (!asUsername && !asAlias) continue;
    for (const u of pool.users.values()) {
      const v = u.attributes.get(attr);
      if (v === undefined || !sameText(pool, v, name)) continue;
      if (asUsername || u.attributes.get(`${attr}_verified`) === 'true') return u;
    }
  }
  if (pool.aliasAttributes.includes('preferred_username')) {
    for (const u of pool.users.values()) {
      const v = u.attributes.get('preferred_username');
      if (v !== undefined && sameText(pool, v, name)) return u;
    }
  }
  return null;
}

export function findUserBySub(pool, sub) {
  for (const u of pool.users.values()) if (u.sub === sub) return u;
  return null;
}

export function checkPasswordPolicy(pool, password) {
  const p = pool.passwordPolicy;
  const fail = (why) => {
    throw InvalidPassword(`Password did not conform with policy: ${why}`);
  };
  if (password.length < p.MinimumLength) fail('Password not long enough');
  if (password.length > 256) fail('Password is too long');
  if (p.RequireLowercase && !/[a-z]/.test(password)) fail('Password must have lowercase characters');
  if (p.RequireUppercase && !/[A-Z]/.test(password)) fail('Password must have uppercase characters');
  if (p.RequireNumbers && !/[0-9]/.test(password)) fail('Password must have numeric characters');
  if (p.RequireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) {
    fail('Password must have symbol characters');
  }
}

/**
 * SECRET_HASH = base64(HMAC-SHA256(clientSecret, username + clientId)). Only
 * clients created with GenerateSecret have one; `names` lists the usernames
 * Cognito would accept (what was typed, the stored username).
 */
export function checkSecretHash(client, given, names) {
  if (!client.secret) return;
  // AWS words this "Client <id> is configured for secret but secret was not
  // received"; naming the member tells the client author what to send.
  if (given === undefined || given === null) {
    throw NotAuthorized(`Client ${client.id} is configured with secret but SECRET_HASH was not received`);
  }
  const ok =
    typeof given === 'string' &&
    names.filter(Boolean).some((name) => {
      const want = createHmac('sha256', client.secret).update(name + client.id).digest();
      const got = Buffer.from(given, 'base64');
      return got.length === want.length && timingSafeEqual(got, want);
    });
  if (!ok) throw NotAuthorized(`Unable to verify secret hash for client ${client.id}`);
}

export const newCode = (digits = 6) => String(randomInt(0, 10 ** digits)).padStart(digits, '0');

export function maskEmail(email) {
  const [local, domain = ''] = email.split('@');
  const labels = domain.split('.');
  const tld = labels.length > 1 ? '.' + labels[labels.length - 1] : '';
  return `${local[0] ?? ''}***@${domain[0] ?? ''}***${tld}`;
}

export const maskPhone = (phone) => `+${'*'.repeat(Math.max(0, phone.length - 5))}${phone.slice(-4)}`;

/** Where a verification code goes, following the pool's AutoVerifiedAttributes. */
export function deliveryFor(pool, user) {
  for (const attr of ['email', 'phone_number']) {
    const value = user.attributes.get(attr);
    if (value && pool.autoVerified.includes(attr)) {
      return attr === 'email'
        ? { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
        : { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
    }
  }
  return null;
}

/** Store a fresh code for `purpose`; only the latest code of a purpose is valid. */
export function issueCode(store, user, purpose, delivery) {
  user.codes[purpose] = { code: newCode(), expiresAt: store.now() + CODE_LIFETIME_MS, delivery };
  return user.codes[purpose];
}

const STANDARD_ATTRIBUTES = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale',
  'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture',
  'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
]);

/** Validate a [{Name, Value}] list against the pool schema; returns a Map. */
export function parseAttributes(pool, list, member = 'userAttributes') {
  const out = new Map();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw InvalidParameter(`Value at '${member}' must be a list.`);
  for (const item of list) {
    if (!item || typeof item.Name !== 'string') throw missing(`${member}.member.name`);
    if (item.Value !== undefined && item.Value !== null && typeof item.Value !== 'string') {
      throw InvalidParameter(`Value at '${member}.member.value' must be a string.`);
    }
    const name = item.Name;
    const known = STANDARD_ATTRIBUTES.has(name) || pool.customAttributes.has(name);
    if (!known || name === 'sub') throw InvalidParameter(`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`);
    out.set(name, item.Value ?? '');
  }
  const email = out.get('email');
  if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) throw InvalidParameter('Invalid email address format.');
  const phone = out.get('phone_number');
  if (phone !== undefined && !/^\+[0-9]{4,15}$/.test(phone)) throw InvalidParameter('Invalid phone number format.');
  return out;
}

/**
 * App clients may not write the *_verified flags (Cognito's default client
 * write attributes exclude them); the SDK docs tell apps to delete
 * email_verified from NEW_PASSWORD_REQUIRED's userAttributes for this reason.
 */
export function rejectUnwritable(attributes) {
  for (const name of attributes.keys()) {
    if (name === 'email_verified' || name === 'phone_number_verified') {
      const e = NotAuthorized('A client attempted to write unauthorized attribute');
      e.detail = `${name} is not writable by an app client`;
      throw e;
    }
  }
}

export function checkRequiredAttributes(pool, attributes) {
  for (const name of pool.requiredAttributes) {
    if (!attributes.get(name)) {
      throw InvalidParameter(`Attributes did not conform to the schema: ${name}: The attribute ${name} is required`);
    }
  }
}

/** [{Name, Value}] with `sub` first, the way GetUser/AdminGetUser return attributes. */
export function attributeList(user) {
  return [{ Name: 'sub', Value: user.sub }, ...[...user.attributes].map(([Name, Value]) => ({ Name, Value }))];
}

/** Whether the client's ExplicitAuthFlows permit a flow (new ALLOW_* and legacy names). */
export function flowAllowed(client, flow) {
  const f = client.explicitAuthFlows;
  const legacy = !f.some((x) => x.startsWith('ALLOW_'));
  switch (flow) {
    case 'USER_SRP_AUTH':
      return legacy ? !f.includes('CUSTOM_AUTH_FLOW_ONLY') : f.includes('ALLOW_USER_SRP_AUTH');
    case 'USER_PASSWORD_AUTH':
      return legacy ? f.includes('USER_PASSWORD_AUTH') : f.includes('ALLOW_USER_PASSWORD_AUTH');
    case 'REFRESH_TOKEN_AUTH':
      return legacy || f.includes('ALLOW_REFRESH_TOKEN_AUTH');
    case 'CUSTOM_AUTH':
      return legacy || f.includes('ALLOW_CUSTOM_AUTH');
    case 'USER_AUTH':
      // Choice-based sign-in has no legacy (non-ALLOW_*) spelling.
      return f.includes('ALLOW_USER_AUTH');
    default:
      return false;
  }
}

export const epochSeconds = (ms) => Math.floor(ms / 1000);
