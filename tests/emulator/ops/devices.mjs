// Remembered devices, all with an AccessToken: ConfirmDevice, GetDevice,
// ListDevices, UpdateDeviceStatus, ForgetDevice. Device sign-in itself
// (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER) is in challenges.mjs.
import { InvalidParameter, ResourceNotFound, missing } from '../errors.mjs';
import { N } from '../srp-server.mjs';
import { optStr, reqStr } from './common.mjs';
import { deviceShape, devicesOf } from './device-store.mjs';
import { authenticateAccessToken } from './tokens.mjs';

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_LIMIT = 60;

/** The user's confirmed device; unconfirmed ones (NewDeviceMetadata only) are invisible. */
function ownDevice(user, key) {
  const d = devicesOf(user).get(key);
  if (!d?.confirmed) throw ResourceNotFound('Device does not exist.');
  return d;
}

function parseVerifierConfig(v) {
  if (v === undefined || v === null) throw missing('deviceSecretVerifierConfig');
  if (typeof v !== 'object' || typeof v.PasswordVerifier !== 'string' || typeof v.Salt !== 'string' ||
      !B64.test(v.PasswordVerifier) || !B64.test(v.Salt)) {
    throw InvalidParameter('DeviceSecretVerifierConfig needs base64 PasswordVerifier and Salt.');
  }
  const vBytes = Buffer.from(v.PasswordVerifier, 'base64');
  const saltBytes = Buffer.from(v.Salt, 'base64');
  const big = vBytes.length ? BigInt('0x' + vBytes.toString('hex')) : 0n;
  // A verifier outside [2, N) would make device SRP trivially forgeable or impossible.
  if (big < 2n || big >= N || !saltBytes.length) throw InvalidParameter('DeviceSecretVerifierConfig.PasswordVerifier is not a valid SRP verifier.');
  return { saltHex: saltBytes.toString('hex'), salt: BigInt('0x' + saltBytes.toString('hex')), v: big };
}

/**
 * Registers the verifier for a device from NewDeviceMetadata. With
 * DeviceOnlyRememberedOnUserPrompt the device stays not_remembered until
 * UpdateDeviceStatus, and the answer says so (UserConfirmationNecessary).
 */
function ConfirmDevice(ctx, input) {
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  const key = reqStr(input, 'DeviceKey', 'deviceKey');
  const device = devicesOf(user).get(key);
  if (!device || !pool.devices) throw ResourceNotFound('Device does not exist.');
  device.verifier = parseVerifierConfig(input.DeviceSecretVerifierConfig);
  device.name = optStr(input, 'DeviceName', 'deviceName') ?? null;
  device.confirmed = true;
  const prompt = pool.devices.deviceOnlyRememberedOnUserPrompt;
  device.remembered = !prompt;
  device.modifiedAt = ctx.store.now();
  return { UserConfirmationNecessary: prompt };
}

function GetDevice(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  return { Device: deviceShape(ownDevice(user, reqStr(input, 'DeviceKey', 'deviceKey'))) };
}

/** Pages in creation order; the PaginationToken names the last device returned. */
function ListDevices(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const limit = input.Limit ?? MAX_LIMIT;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
    throw InvalidParameter(`1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 0 and ${MAX_LIMIT}`);
  }
  const all = [...devicesOf(user).values()].filter((d) => d.confirmed).sort((a, b) => a.createdAt - b.createdAt);
  let start = 0;
  const token = optStr(input, 'PaginationToken', 'paginationToken');
  if (token !== undefined) {
    const after = Buffer.from(token, 'base64url').toString('utf8');
    const i = all.findIndex((d) => d.key === after);
    if (i < 0) throw InvalidParameter('Invalid pagination token.');
    start = i + 1;
  }
  const page = all.slice(start, start + limit);
  const out = { Devices: page.map(deviceShape) };
  if (start + limit < all.length && page.length) out.PaginationToken = Buffer.from(page[page.length - 1].key).toString('base64url');
  return out;
}

function UpdateDeviceStatus(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const device = ownDevice(user, reqStr(input, 'DeviceKey', 'deviceKey'));
  const status = optStr(input, 'DeviceRememberedStatus', 'deviceRememberedStatus');
  if (status !== undefined && status !== 'remembered' && status !== 'not_remembered') {
    throw InvalidParameter("1 validation error detected: Value at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]");
  }
  if (status !== undefined) device.remembered = status === 'remembered';
  device.modifiedAt = ctx.store.now();
  return {};
}

/** The device is gone: its DEVICE_KEY is refused and its refresh tokens stop working. */
function ForgetDevice(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const key = reqStr(input, 'DeviceKey', 'deviceKey');
  ownDevice(user, key);
  devicesOf(user).delete(key);
  return {};
}

export default { ConfirmDevice, GetDevice, ListDevices, UpdateDeviceStatus, ForgetDevice };
