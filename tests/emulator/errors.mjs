// Service errors in Cognito's wire shape: {"__type": Name, "message": ...}.
export class CognitoError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const make = (type, status) => (message) => new CognitoError(type, message, status);

export const NotAuthorized = make('NotAuthorizedException');
export const InvalidParameter = make('InvalidParameterException');
export const InvalidPassword = make('InvalidPasswordException');
export const UserNotFound = make('UserNotFoundException');
export const UserNotConfirmed = make('UserNotConfirmedException');
export const UsernameExists = make('UsernameExistsException');
export const CodeMismatch = make('CodeMismatchException');
export const ExpiredCode = make('ExpiredCodeException');
export const ResourceNotFound = make('ResourceNotFoundException');
export const UnsupportedTokenType = make('UnsupportedTokenTypeException');
export const UnsupportedOperation = make('UnsupportedOperationException');
export const Unauthorized = make('UnauthorizedException');
export const LimitExceeded = make('LimitExceededException');
export const AliasExists = make('AliasExistsException');
export const SoftwareTokenMFANotFound = make('SoftwareTokenMFANotFoundException');
export const EnableSoftwareTokenMFA = make('EnableSoftwareTokenMFAException');
export const RefreshTokenReuse = make('RefreshTokenReuseException');
export const WebAuthnNotEnabled = make('WebAuthnNotEnabledException');
export const WebAuthnChallengeNotFound = make('WebAuthnChallengeNotFoundException');
export const WebAuthnClientMismatch = make('WebAuthnClientMismatchException');
export const WebAuthnOriginNotAllowed = make('WebAuthnOriginNotAllowedException');
export const WebAuthnRelyingPartyMismatch = make('WebAuthnRelyingPartyMismatchException');
export const WebAuthnCredentialNotSupported = make('WebAuthnCredentialNotSupportedException');
export const Serialization = make('SerializationException');
export const UnknownOperation = make('UnknownOperationException');
export const InternalError = make('InternalErrorException', 500);

export const WRONG_PASSWORD = 'Incorrect username or password.';
export const WRONG_MFA_CODE = 'Invalid code or auth state for the user.';

/** AWS-style validation message for a missing required member. */
export function missing(member) {
  return InvalidParameter(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}
