// Operation name (the part of X-Amz-Target after the service prefix) -> handler(ctx, input).
import account from './account.mjs';
import admin from './admin.mjs';
import auth from './auth.mjs';
import clients from './clients.mjs';
import devices from './devices.mjs';
import mfa from './mfa.mjs';
import refresh from './refresh.mjs';
import signup from './signup.mjs';
import user from './user.mjs';
import webauthn from './webauthn.mjs';

export const OPERATIONS = Object.freeze({
  ...admin, ...clients, ...signup, ...auth, ...refresh, ...user, ...account, ...mfa, ...devices, ...webauthn,
});
