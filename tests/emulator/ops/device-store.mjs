// Remembered-device records, kept on the user: user.devices Map<DeviceKey, device>.
// A device is created unconfirmed when tokens carry NewDeviceMetadata and
// only becomes usable (device SRP, refresh, GetDevice) after ConfirmDevice.
import { randomUUID } from 'node:crypto';
import { ResourceNotFound } from '../errors.mjs';
import { randomString } from '../store.mjs';

const GROUP_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const devicesOf = (user) => (user.devices ??= new Map());

/** A fresh, unconfirmed device; the group key is per user, like Cognito's. */
export function newDevice(store, pool, user) {
  user.deviceGroupKey ??= `-${randomString(GROUP_ALPHABET, 9)}`;
  const now = store.now();
  const device = {
    key: `${pool.region}_${randomUUID()}`,
    groupKey: user.deviceGroupKey,
    confirmed: false,
    remembered: false,
    name: null,
    verifier: null,
    createdAt: now,
    modifiedAt: now,
    lastAuthenticatedAt: now,
  };
  devicesOf(user).set(device.key, device);
  return device;
}

/** The confirmed device named by DEVICE_KEY, or null (no key, tracking off, unknown). */
export function usableDevice(pool, user, key) {
  if (!key || !pool.devices) return null;
  const d = devicesOf(user).get(key);
  return d?.confirmed ? d : null;
}

/**
 * Refuse a DEVICE_KEY that names no confirmed device of this user. The
 * message matters: amazon-cognito-identity-js drops its cached device and
 * retries PASSWORD_VERIFIER when a ResourceNotFoundException mentions "device".
 */
export function checkDeviceKey(pool, user, key) {
  if (!key || !pool.devices || !user) return;
  if (!usableDevice(pool, user, key)) throw ResourceNotFound('Device does not exist.');
}

export function deviceShape(d) {
  return {
    DeviceKey: d.key,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: d.name ?? '' },
      { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
      { Name: 'last_ip_used', Value: '127.0.0.1' },
    ],
    DeviceCreateDate: d.createdAt / 1000,
    DeviceLastModifiedDate: d.modifiedAt / 1000,
    DeviceLastAuthenticatedDate: d.lastAuthenticatedAt / 1000,
  };
}
