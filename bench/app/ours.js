// Bundle entry for ours (webpack resolves the name to pkg/, see bench/webpack.config.cjs).
import { CognitoUserPool, CognitoUser, AuthenticationDetails } from 'cognito-identity-wasm';
import { signIn } from './sign-in.js';

signIn({ CognitoUserPool, CognitoUser, AuthenticationDetails });
