// CognitoUserPool and ICognitoUserPoolData of amazon-cognito-identity-js's index.d.ts:
// both constructor forms (with wrapRefreshSessionCallback), every method with each
// argument form its declaration accepts.
import { CognitoUser, CognitoUserAttribute, CognitoUserPool, CookieStorage } from 'amazon-cognito-identity-js';
import type { ICognitoStorage, ICognitoUserPoolData, ISignUpResult, NodeCallback } from 'amazon-cognito-identity-js';

const poolData: ICognitoUserPoolData = {
	UserPoolId: 'us-east-1_aB12cDe34',
	ClientId: '1example23456789',
	endpoint: 'https://cognito-idp.us-east-1.amazonaws.com/',
	Storage: new CookieStorage({ domain: '.example.com' }),
	AdvancedSecurityDataCollectionFlag: false,
};
const minimalData: ICognitoUserPoolData = { UserPoolId: 'us-east-1_aB12cDe34', ClientId: '1example23456789' };
const userPoolId: string = poolData.UserPoolId;
const clientId: string = poolData.ClientId;
const endpoint: string | undefined = poolData.endpoint;
const storage: ICognitoStorage | undefined = poolData.Storage;
const collect: boolean | undefined = poolData.AdvancedSecurityDataCollectionFlag;
console.log(userPoolId, clientId, endpoint, storage, collect);

// Constructors --------------------------------------------------------------------------

const pool = new CognitoUserPool(poolData);
const minimal = new CognitoUserPool(minimalData);
const literal = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '1example23456789', Storage: window.localStorage });
const wrapped = new CognitoUserPool(poolData, (target) => {
	const callback: NodeCallback.Any = target;
	return (err, result) => {
		if (err) console.error('refresh failed', err.message);
		callback(err, result);
	};
});
const wrappedAnnotated = new CognitoUserPool(
	poolData,
	(target: NodeCallback.Any): NodeCallback.Any =>
		(err?: Error, result?: any) => target(err, result)
);
const wrapper: (target: NodeCallback.Any) => NodeCallback.Any = (target) => target;
const wrappedByName = new CognitoUserPool(poolData, wrapper);
const notWrapped = new CognitoUserPool(poolData, undefined);
const PoolClass: typeof CognitoUserPool = CognitoUserPool;
const viaClass: CognitoUserPool = new PoolClass(minimalData);
console.log(minimal, literal, wrapped, wrappedAnnotated, wrappedByName, notWrapped, viaClass);

// Getters -------------------------------------------------------------------------------

const id: string = pool.getUserPoolId();
const name: string = pool.getUserPoolName();
const client: string = pool.getClientId();
const current: CognitoUser | null = pool.getCurrentUser();
const currentName: string | undefined = pool.getCurrentUser()?.getUsername();
console.log(id, name, client, current, currentName);

// signUp --------------------------------------------------------------------------------

const email = new CognitoUserAttribute({ Name: 'email', Value: 'a@example.com' });
const attributes: CognitoUserAttribute[] = [email];
const validation: CognitoUserAttribute[] = [new CognitoUserAttribute({ Name: 'captcha', Value: 'x' })];

pool.signUp('alice', 'Passw0rd!', attributes, validation, (err, result) => {
	const e: Error | undefined = err;
	const r: ISignUpResult | undefined = result;
	if (err) {
		alert(err.message || JSON.stringify(err));
		return;
	}
	const user: CognitoUser | undefined = result?.user;
	const destination: string | undefined = result?.codeDeliveryDetails.Destination;
	console.log(e, r, user, destination);
});
pool.signUp('alice', 'Passw0rd!', [], [], (err?: Error, result?: ISignUpResult) => console.log(err, result?.userSub));
pool.signUp('alice', 'Passw0rd!', attributes, [], (err) => console.log(err), { source: 'web' });
pool.signUp('alice', 'Passw0rd!', attributes, validation, () => undefined, undefined);
const onSignUp: NodeCallback<Error, ISignUpResult> = (err, result) => {
	if (result) console.log(result.userConfirmed, result.codeDeliveryDetails.Destination.length);
	else console.log(err?.name);
};
pool.signUp('alice', 'Passw0rd!', attributes, validation, onSignUp, { source: 'web' });
const signedUp: void = pool.signUp('alice', 'Passw0rd!', attributes, validation, onSignUp);
console.log(signedUp);

export {};
