// Cognito Identity (identity pools), admin side: CreateIdentityPool,
// DescribeIdentityPool. Target prefix AWSCognitoIdentityService.; same wire
// format and error shape as the user-pool API. IAM roles are not modelled
// (SetIdentityPoolRoles does not exist here): credentials carry no role.
import { randomUUID } from 'node:crypto';
import { InvalidParameter, ResourceNotFound, missing } from '../errors.mjs';
import { reqStr } from '../ops/common.mjs';

const POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
// "cognito-idp.<region>.amazonaws.com/<userPoolId>", the only provider kind modelled.
const PROVIDER = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/(([\w-]+)_[0-9a-zA-Z]+)$/;

export function parseProviderName(name) {
  const m = PROVIDER.exec(name ?? '');
  return m ? { region: m[1], userPoolId: m[2], poolRegion: m[3] } : null;
}

/** ResourceNotFoundException for unknown pools, InvalidParameterException for malformed ids. */
export function getIdentityPool(store, id) {
  if (!POOL_ID.test(id) || id.length > 55) {
    throw InvalidParameter(`1 validation error detected: Value '${id}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`);
  }
  const pool = store.identityPools.get(id);
  if (!pool) throw ResourceNotFound(`IdentityPool '${id}' not found.`);
  return pool;
}

/**
 * CognitoIdentityProviders must name user pools and app clients of this
 * emulator (AWS only checks the format; a typo here would otherwise surface
 * as a confusing "Invalid login token" much later).
 */
function parseProviders(store, list) {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw InvalidParameter("Value at 'cognitoIdentityProviders' must be a list.");
  return list.map((p, i) => {
    const where = `cognitoIdentityProviders.${i + 1}`;
    if (!p || typeof p !== 'object') throw InvalidParameter(`Value at '${where}' must be a structure.`);
    const parsed = parseProviderName(p.ProviderName);
    if (!parsed) throw InvalidParameter(`Value at '${where}.providerName' must look like cognito-idp.<region>.amazonaws.com/<userPoolId>.`);
    if (parsed.region !== parsed.poolRegion) throw InvalidParameter(`${p.ProviderName}: the region does not match the user pool ID.`);
    const userPool = store.pools.get(parsed.userPoolId);
    if (!userPool) throw InvalidParameter(`${p.ProviderName}: user pool ${parsed.userPoolId} does not exist in this emulator.`);
    if (typeof p.ClientId !== 'string' || store.clients.get(p.ClientId)?.poolId !== userPool.id) {
      throw InvalidParameter(`${where}.clientId must be an app client of ${parsed.userPoolId}.`);
    }
    if (p.ServerSideTokenCheck !== undefined && typeof p.ServerSideTokenCheck !== 'boolean') {
      throw InvalidParameter(`Value at '${where}.serverSideTokenCheck' must be a boolean.`);
    }
    return { ProviderName: p.ProviderName, ClientId: p.ClientId, ServerSideTokenCheck: p.ServerSideTokenCheck === true };
  });
}

export const describeIdentityPool = (p) => ({
  IdentityPoolId: p.id,
  IdentityPoolName: p.name,
  AllowUnauthenticatedIdentities: p.allowUnauthenticated,
  AllowClassicFlow: false,
  CognitoIdentityProviders: p.providers,
  IdentityPoolTags: {},
});

function CreateIdentityPool({ store }, input) {
  const name = reqStr(input, 'IdentityPoolName', 'identityPoolName');
  if (!/^[\w\s+=,.@-]{1,128}$/.test(name)) throw InvalidParameter("Value at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
  const allow = input.AllowUnauthenticatedIdentities;
  if (allow === undefined || allow === null) throw missing('allowUnauthenticatedIdentities');
  if (typeof allow !== 'boolean') throw InvalidParameter("Value at 'allowUnauthenticatedIdentities' must be a boolean.");
  const providers = parseProviders(store, input.CognitoIdentityProviders);
  // The pool lives in the region of its endpoint; the emulator takes the first
  // provider's region so ids look like those of a matching real set-up.
  const region = providers.length ? parseProviderName(providers[0].ProviderName).region : 'us-east-1';
  const pool = { id: `${region}:${randomUUID()}`, name, allowUnauthenticated: allow, providers };
  store.identityPools.set(pool.id, pool);
  return describeIdentityPool(pool);
}

const DescribeIdentityPool = ({ store }, input) =>
  describeIdentityPool(getIdentityPool(store, reqStr(input, 'IdentityPoolId', 'identityPoolId')));

export default { CreateIdentityPool, DescribeIdentityPool };
