// The value classes and their data interfaces of amazon-cognito-identity-js's index.d.ts:
// AuthenticationDetails, CognitoUserAttribute, CognitoUserSession and the three tokens,
// CookieStorage, ICognitoStorage, UserAgent, appendToCognitoUserAgent and WordArray. Every
// constructor form, every method with its declared return type, every field.
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUserAttribute,
	CognitoUserSession,
	CookieStorage,
	UserAgent,
	WordArray,
	appendToCognitoUserAgent,
} from 'amazon-cognito-identity-js';
import type {
	ClientMetadata,
	IAuthenticationDetailsData,
	ICognitoStorage,
	ICognitoUserAttributeData,
	ICognitoUserSessionData,
	ICookieStorageData,
} from 'amazon-cognito-identity-js';

// AuthenticationDetails ------------------------------------------------------------------

const detailsData: IAuthenticationDetailsData = {
	Username: 'alice',
	Password: 'Passw0rd!',
	ValidationData: { captcha: 'x', count: 1 },
	ClientMetadata: { source: 'web' },
};
const usernameOnly: IAuthenticationDetailsData = { Username: 'alice' };
const dataUsername: string = detailsData.Username;
const dataPassword: string | undefined = detailsData.Password;
const dataValidation: { [key: string]: any } | undefined = detailsData.ValidationData;
const dataMetadata: ClientMetadata = detailsData.ClientMetadata;
const details = new AuthenticationDetails(detailsData);
const detailsFromLiteral = new AuthenticationDetails({ Username: 'alice', Password: 'pw', ValidationData: {}, ClientMetadata: undefined });
const detailsUsername: string = details.getUsername();
const detailsPassword: string = details.getPassword();
const passwordLength: number = details.getPassword().length;
const validationData: any[] = details.getValidationData();
const validationCount: number = details.getValidationData().length;
console.log(usernameOnly, dataUsername, dataPassword, dataValidation, dataMetadata, detailsFromLiteral, detailsUsername, detailsPassword,
	passwordLength, validationData, validationCount);

// CognitoUserAttribute -------------------------------------------------------------------

const attributeData: ICognitoUserAttributeData = { Name: 'email', Value: 'a@example.com' };
const attribute = new CognitoUserAttribute(attributeData);
const fromLiteral = new CognitoUserAttribute({ Name: 'nickname', Value: 'al' });
const asData: ICognitoUserAttributeData = attribute;
const name: string = attribute.Name;
const value: string = attribute.Value;
attribute.Name = 'phone_number';
attribute.Value = '+15555550100';
const gotValue: string = attribute.getValue();
const gotName: string = attribute.getName();
const setValue: CognitoUserAttribute = attribute.setValue('x');
const setName: CognitoUserAttribute = attribute.setName('y');
const chained: string = attribute.setName('email').setValue('b@example.com').getValue();
const text: string = attribute.toString();
const json: Object = attribute.toJSON();
const stringified: string = JSON.stringify([attribute, fromLiteral]);
console.log(asData, name, value, gotValue, gotName, setValue, setName, chained, text, json, stringified);

// Tokens and CognitoUserSession ----------------------------------------------------------

const idToken = new CognitoIdToken({ IdToken: 'eyJ.id.jwt' });
const accessToken = new CognitoAccessToken({ AccessToken: 'eyJ.access.jwt' });
const refreshToken = new CognitoRefreshToken({ RefreshToken: 'refresh' });
for (const token of [idToken, accessToken]) {
	const jwt: string = token.getJwtToken();
	const expiration: number = token.getExpiration();
	const issuedAt: number = token.getIssuedAt();
	const decoded: { [id: string]: any } = token.decodePayload();
	const payload: { [key: string]: any } = token.payload;
	const sub: string = token.payload.sub;
	const groups: string[] = token.decodePayload()['cognito:groups'];
	console.log(jwt, expiration, issuedAt, decoded, payload, sub, groups);
}
idToken.payload = { sub: 'x', email: 'a@example.com' };
accessToken.payload = {};
idToken.payload.custom = 'added';
const refresh: string = refreshToken.getToken();

const sessionData: ICognitoUserSessionData = { IdToken: idToken, AccessToken: accessToken, RefreshToken: refreshToken };
const withoutRefresh: ICognitoUserSessionData = { IdToken: idToken, AccessToken: accessToken };
const dataId: CognitoIdToken = sessionData.IdToken;
const dataAccess: CognitoAccessToken = sessionData.AccessToken;
const dataRefresh: CognitoRefreshToken | undefined = sessionData.RefreshToken;
const session = new CognitoUserSession(sessionData);
const fromParts = new CognitoUserSession({ IdToken: idToken, AccessToken: accessToken, RefreshToken: refreshToken });
const sessionId: CognitoIdToken = session.getIdToken();
const sessionRefresh: CognitoRefreshToken = session.getRefreshToken();
const sessionAccess: CognitoAccessToken = session.getAccessToken();
const valid: boolean = session.isValid();
const idJwt: string = session.getIdToken().getJwtToken();
const email: string = session.getIdToken().payload.email;
const accessJwt: string = fromParts.getAccessToken().getJwtToken();
const refreshText: string = session.getRefreshToken().getToken();
console.log(refresh, withoutRefresh, dataId, dataAccess, dataRefresh, sessionId, sessionRefresh, sessionAccess, valid, idJwt, email,
	accessJwt, refreshText, new CognitoUserSession(withoutRefresh));

// ICognitoStorage, ICookieStorageData, CookieStorage -------------------------------------

class MapStorage implements ICognitoStorage {
	private readonly items = new Map<string, string>();
	setItem(key: string, value: string): void {
		this.items.set(key, value);
	}
	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}
	removeItem(key: string): void {
		this.items.delete(key);
	}
	clear(): void {
		this.items.clear();
	}
}
const literalStorage: ICognitoStorage = {
	setItem: (key, value) => localStorage.setItem(key, value),
	getItem: (key) => localStorage.getItem(key),
	removeItem: (key) => localStorage.removeItem(key),
	clear: () => localStorage.clear(),
};
const browserStorage: ICognitoStorage = window.localStorage;
function useStorage(storage: ICognitoStorage): string {
	storage.setItem('k', 'v');
	const item: string | null = storage.getItem('k');
	const orDefault: string = storage.getItem('k') ?? 'default';
	const strictlyNull: boolean = storage.getItem('missing') === null;
	storage.removeItem('k');
	const cleared: void = storage.clear();
	console.log(item, strictlyNull, cleared);
	return orDefault;
}

const cookieData: ICookieStorageData = { domain: '.example.com', path: '/', expires: 7, secure: true, sameSite: 'lax' };
const emptyCookieData: ICookieStorageData = {};
const cookieDomain: string | undefined = cookieData.domain;
const cookiePath: string | undefined = cookieData.path;
const cookieExpires: number | undefined = cookieData.expires;
const cookieDays: number = (cookieData.expires ?? 365) * 24;
const cookieSecure: boolean | undefined = cookieData.secure;
const cookieSameSite: 'strict' | 'lax' | 'none' | undefined = cookieData.sameSite;
function describeSameSite(data: ICookieStorageData): string {
	switch (data.sameSite) {
		case 'strict':
		case 'lax':
		case 'none':
		case undefined:
			return String(data.sameSite);
	}
	const unreachable: never = data.sameSite;
	return unreachable;
}
const cookies = new CookieStorage(cookieData);
const defaultCookies = new CookieStorage();
const literalCookies = new CookieStorage({ domain: 'example.com', secure: false, sameSite: 'strict' });
const cookieStorage: ICognitoStorage = cookies;
const set: void = cookies.setItem('k', 'v');
const got: string = cookies.getItem('k');
const gotLength: number = cookies.getItem('k').length;
const removed: void = cookies.removeItem('k');
const clearedCookies: void = cookies.clear();
for (const storage of [new MapStorage(), literalStorage, browserStorage, cookieStorage, defaultCookies, literalCookies]) useStorage(storage);
console.log(emptyCookieData, cookieDomain, cookiePath, cookieExpires, cookieDays, cookieSecure, cookieSameSite, describeSameSite(cookieData),
	set, got, gotLength, removed, clearedCookies);

// UserAgent, appendToCognitoUserAgent ----------------------------------------------------

const userAgent: UserAgent = new UserAgent();
const appended: void = appendToCognitoUserAgent('my-app/1.0');
const append: (content: string) => void = appendToCognitoUserAgent;
console.log(userAgent, appended, append);

// WordArray ------------------------------------------------------------------------------

const empty = new WordArray();
const fromWords = new WordArray(['deadbeef']);
const withLength = new WordArray(['deadbeef'], 4);
const withUndefinedWords = new WordArray(undefined, 0);
const random: WordArray = empty.random(16);
const hex: string = random.toString();
const chainedHex: string = new WordArray().random(32).toString();
const hexLength: number = withLength.random(8).toString().length;
console.log(fromWords, withUndefinedWords, hex, chainedHex, hexLength);

export {};
