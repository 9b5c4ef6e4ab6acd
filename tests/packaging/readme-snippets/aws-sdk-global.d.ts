// The few parts of the AWS SDK for JavaScript (v2, `AWS` global) that the README snippets
// use next to Cognito user pools. Not part of cognito-identity-wasm; declared so the
// snippets type-check without installing aws-sdk.
declare namespace AWS {
	interface Credentials {
		params: { IdentityPoolId: string; Logins: { [provider: string]: string } };
		needsRefresh(): boolean;
		refresh(callback: (err?: Error) => void): void;
	}
	const config: { region: string; credentials: Credentials };
	class CognitoIdentityCredentials implements Credentials {
		constructor(params: { IdentityPoolId: string; Logins: { [provider: string]: string } });
		params: { IdentityPoolId: string; Logins: { [provider: string]: string } };
		needsRefresh(): boolean;
		refresh(callback: (err?: Error) => void): void;
	}
}
