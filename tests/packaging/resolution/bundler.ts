// A bundler-resolution project (Vite, webpack + ts-loader): "exports" → index.d.ts.
import { CognitoUserPool, MemoryStorage, type CognitoStorageLike } from 'cognito-identity-wasm';

const storage: CognitoStorageLike = new MemoryStorage();
export const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '...', Storage: storage });
// @ts-expect-error typed, not any
export const wrong: number = pool.getClientId();
