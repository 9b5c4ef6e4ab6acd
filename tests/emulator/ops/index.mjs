// Operation name (the part of X-Amz-Target after the service prefix) -> handler(ctx, input).
import admin from './admin.mjs';
import auth from './auth.mjs';
import signup from './signup.mjs';
import user from './user.mjs';

export const OPERATIONS = Object.freeze({ ...admin, ...signup, ...auth, ...user });
