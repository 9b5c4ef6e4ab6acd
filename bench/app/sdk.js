// Bundle entry for amazon-cognito-identity-js (from node_modules, as an app would).
import { CognitoUserPool, CognitoUser, AuthenticationDetails } from 'amazon-cognito-identity-js';
import { signIn } from './sign-in.js';

signIn({ CognitoUserPool, CognitoUser, AuthenticationDetails });
