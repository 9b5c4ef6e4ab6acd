// amazon-cognito-identity-js/internals: the two functions Amplify calls to tag the user agent.
import { addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent } from 'amazon-cognito-identity-js/internals';
import * as internals from 'amazon-cognito-identity-js/internals';

const category: void = addAuthCategoryToCognitoUserAgent();
const framework: void = addFrameworkToCognitoUserAgent('react');
const addCategory: () => void = addAuthCategoryToCognitoUserAgent;
const addFramework: (content: string) => void = internals.addFrameworkToCognitoUserAgent;
internals.addAuthCategoryToCognitoUserAgent();
addFramework('angular');
console.log(category, framework, addCategory);

export {};
