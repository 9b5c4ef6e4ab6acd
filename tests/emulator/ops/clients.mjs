// App clients: CreateUserPoolClient, UpdateUserPoolClient, DescribeUserPoolClient.
// Admin operations (IAM-signed in AWS; any or no Authorization header here).
import { randomBytes } from 'node:crypto';
import { InvalidParameter, ResourceNotFound } from '../errors.mjs';
import { getPool, reqStr } from './common.mjs';

const AUTH_FLOWS = new Set([
  'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH',
  'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH',
]);
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];

function stringList(v, member) {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw InvalidParameter(`Value at '${member}' must be a list of strings.`);
  return v;
}

/** RefreshTokenRotation {Feature: ENABLED|DISABLED, RetryGracePeriodSeconds: 0..60}. */
export function parseRotation(v) {
  if (v === undefined || v === null) return { feature: 'DISABLED', graceSeconds: 0 };
  if (typeof v !== 'object' || Array.isArray(v)) throw InvalidParameter("Value at 'refreshTokenRotation' must be a structure.");
  if (v.Feature !== 'ENABLED' && v.Feature !== 'DISABLED') {
    throw InvalidParameter("1 validation error detected: Value at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
  }
  const grace = v.RetryGracePeriodSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > 60) {
    throw InvalidParameter("1 validation error detected: Value at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value between 0 and 60");
  }
  return { feature: v.Feature, graceSeconds: grace };
}

/**
 * ExplicitAuthFlows rules. ALLOW_* sets must include ALLOW_REFRESH_TOKEN_AUTH,
 * except with refresh token rotation, which replaces that flow and may not be
 * combined with it (REFRESH_TOKEN_AUTH can't be used with rotation).
 */
export function parseFlows(input, rotation) {
  let flows = stringList(input, 'explicitAuthFlows');
  for (const f of flows) if (!AUTH_FLOWS.has(f)) throw InvalidParameter(`Invalid ExplicitAuthFlows value: ${f}`);
  const usesAllow = flows.some((f) => f.startsWith('ALLOW_'));
  if (usesAllow && flows.some((f) => !f.startsWith('ALLOW_'))) {
    throw InvalidParameter('The ExplicitAuthFlows ALLOW_* values cannot be combined with legacy values.');
  }
  const rotating = rotation.feature === 'ENABLED';
  if (!flows.length) flows = rotating ? DEFAULT_FLOWS.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH') : DEFAULT_FLOWS;
  if (rotating && flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    throw InvalidParameter('ALLOW_REFRESH_TOKEN_AUTH cannot be enabled with refresh token rotation.');
  }
  if (rotating && !flows.some((f) => f.startsWith('ALLOW_'))) {
    throw InvalidParameter('Refresh token rotation requires ALLOW_* ExplicitAuthFlows.');
  }
  if (!rotating && usesAllow && !flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    throw InvalidParameter('ALLOW_REFRESH_TOKEN_AUTH is required when using ALLOW_* ExplicitAuthFlows.');
  }
  return flows;
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

export function describeClient(client) {
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.id,
    ClientSecret: client.secret ?? undefined,
    ExplicitAuthFlows: client.explicitAuthFlows,
    AccessTokenValidity: client.validityInput.AccessTokenValidity,
    IdTokenValidity: client.validityInput.IdTokenValidity,
    RefreshTokenValidity: client.validityInput.RefreshTokenValidity ?? 30,
    TokenValidityUnits: client.validityInput.TokenValidityUnits,
    EnableTokenRevocation: client.enableTokenRevocation,
    PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    RefreshTokenRotation: { Feature: client.rotation.feature, RetryGracePeriodSeconds: client.rotation.graceSeconds },
    AllowedOAuthFlowsUserPoolClient: false,
    CreationDate: client.createdAt / 1000,
    LastModifiedDate: client.modifiedAt / 1000,
  };
}

const pickValidityInput = (input) => ({
  AccessTokenValidity: input.AccessTokenValidity,
  IdTokenValidity: input.IdTokenValidity,
  RefreshTokenValidity: input.RefreshTokenValidity,
  TokenValidityUnits: input.TokenValidityUnits,
});

function CreateUserPoolClient({ store }, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  const clientName = reqStr(input, 'ClientName', 'clientName');
  const rotation = parseRotation(input.RefreshTokenRotation);
  const client = {
    id: store.newClientId(),
    poolId: pool.id,
    name: clientName,
    secret: input.GenerateSecret === true ? randomBytes(38).toString('base64url').slice(0, 51) : null,
    explicitAuthFlows: parseFlows(input.ExplicitAuthFlows, rotation),
    rotation,
    validity: validitySeconds(input),
    validityInput: pickValidityInput(input),
    enableTokenRevocation: input.EnableTokenRevocation !== false,
    preventUserExistenceErrors: input.PreventUserExistenceErrors === 'ENABLED',
    createdAt: store.now(),
    modifiedAt: store.now(),
  };
  store.clients.set(client.id, client);
  return { UserPoolClient: describeClient(client) };
}

function poolClient(store, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  const client = store.clients.get(reqStr(input, 'ClientId', 'clientId'));
  if (!client || client.poolId !== pool.id) throw ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  return client;
}

/**
 * Unlike AWS (which resets every member the request leaves out to its
 * default), members that are absent keep their current value: this is a
 * test set-up tool, and partial updates keep the tests short.
 */
function UpdateUserPoolClient({ store }, input) {
  const client = poolClient(store, input);
  const rotation = input.RefreshTokenRotation === undefined ? client.rotation : parseRotation(input.RefreshTokenRotation);
  const flows = input.ExplicitAuthFlows === undefined
    ? (rotation.feature === 'ENABLED' ? client.explicitAuthFlows.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH') : client.explicitAuthFlows)
    : input.ExplicitAuthFlows;
  const explicitAuthFlows = parseFlows(flows, rotation);
  const touchesValidity = ['AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits'].some((k) => input[k] !== undefined);
  const validityInput = touchesValidity ? { ...client.validityInput, ...Object.fromEntries(Object.entries(pickValidityInput(input)).filter(([, v]) => v !== undefined)) } : client.validityInput;
  const validity = validitySeconds(validityInput);
  if (input.ClientName !== undefined) client.name = reqStr(input, 'ClientName', 'clientName');
  if (input.EnableTokenRevocation !== undefined) client.enableTokenRevocation = input.EnableTokenRevocation !== false;
  if (input.PreventUserExistenceErrors !== undefined) client.preventUserExistenceErrors = input.PreventUserExistenceErrors === 'ENABLED';
  Object.assign(client, { rotation, explicitAuthFlows, validity, validityInput, modifiedAt: store.now() });
  return { UserPoolClient: describeClient(client) };
}

const DescribeUserPoolClient = ({ store }, input) => ({ UserPoolClient: describeClient(poolClient(store, input)) });

export default { CreateUserPoolClient, UpdateUserPoolClient, DescribeUserPoolClient };
