//! The words of the one-request operations' table: each such operation (change the
//! password, list the devices, confirm a sign-up, ...) is one [`OneRequest`] row, a
//! `static` next to the other bodies of its kind (`account`, `registration`). The row says
//! everything about the operation: the Cognito operation, what must be there first, the
//! body's fields in wire order with where each value comes from, what the app is told,
//! and what follows a success. `flows::user` is the one interpreter of a row (its body,
//! what storage keeps afterwards); the entry maps a method name to its row, runs every
//! row in one future, and shapes the reply.

use super::Operation;

/// A row's body, its fields in wire order: `"Name" = Source` or `"Name" = Source("argument")`
/// (the argument's name; for [`Source::Json`], the constant). Each field is written as one
/// text, the name and the argument joined by a space (`"AttributeName name"`), which the
/// interpreter splits again: a third fewer bytes of table than a pair of texts per field.
macro_rules! body {
    ($($name:literal = $source:ident $(($arg:literal))?),* $(,)?) => {
        &[$((concat!($name $(, " ", $arg)?), $crate::protocol::one_request::Source::$source)),*]
    };
}

/// One operation that is one request.
pub struct OneRequest {
    pub operation: Operation,
    /// What must be there before the body is built: the first failure is reported.
    pub needs: Needs,
    /// The body's fields in wire order (written with `body!`): the name with the argument
    /// the value is read from, if any, and where the value comes from.
    pub body: &'static [(&'static str, Source)],
    pub tells: Tells,
    pub after: After,
}

/// What is asked for before the body, in this order (a later check never runs after a
/// failed one); anything else fails as the body is built, field by field.
#[derive(Clone, Copy, PartialEq)]
pub enum Needs {
    /// Registration and the forgot-password pair name the user (ClientId and Username);
    /// TOTP set-up during the MFA_SETUP challenge carries the challenge's Session.
    Nothing,
    /// The in-memory session's access token.
    Token,
    /// This browser's remembered device, then the access token (`forgetDevice`, as the SDK).
    DeviceThenToken,
}

/// Where a field's value comes from. Arguments are the method's, by the name the field
/// names (`body!`); a field whose value is unset is left out, as `JSON.stringify` drops
/// `undefined`.
#[derive(Clone, Copy, PartialEq)]
pub enum Source {
    /// The access token ([`Needs::Token`]).
    AccessToken,
    /// The app client's id.
    ClientId,
    /// The user's name as the app gave it.
    Username,
    /// Advanced security's context data for the user the body names (its `Username`,
    /// written before this field); left out without a collector.
    UserContext,
    /// This browser's remembered device key (DeviceNotRememberedException without one).
    ThisDevice,
    /// A text argument: absent or not a string sends '' (Cognito refuses it, rather than
    /// getting the word "undefined").
    Text,
    /// A text argument, left out unless it is a string.
    OptionalText,
    /// A count argument, left out unless it is at least 1; sent as a whole number.
    Count,
    /// A flag argument: `true` or `false` (anything but `true` is `false`).
    Flag,
    /// An argument as given (null when absent).
    Given,
    /// An argument as given, left out when null or absent (an MFA kind's setting).
    Setting,
    /// The `clientMetadata` argument's string members, left out unless it is an object.
    Metadata,
    /// A list of `{ Name, Value }` objects (InvalidParameterException otherwise), sent as
    /// `{ Name, Value }` alone, a missing or null `Value` as ''.
    Attributes,
    /// `signUp`'s lists of [`Source::Attributes`]' kind: left out when null or absent
    /// (InvalidParameterException, with its own message, when not such a list).
    UserAttributes,
    /// A list of strings (InvalidParameterException otherwise).
    Names,
    /// A constant, as JSON text.
    Json,
}

/// What the app is told of Cognito's answer.
#[derive(Clone, Copy, PartialEq)]
pub enum Tells {
    /// `'SUCCESS'`.
    Success,
    /// `'SUCCESS'`, and the answer as a second argument (`updateAttributes`' details).
    SuccessAndAnswer,
    /// The answer.
    Answer,
    /// GetUser's `UserAttributes`, as `CognitoUserAttribute[]`.
    Attributes,
    /// GetUser's `MFAOptions`.
    MfaOptions,
    /// The answer (the code's delivery details) to `inputVerificationCode` when the
    /// callback object has it, else as success.
    CodeSent,
    /// [`Tells::CodeSent`], but a callback object without `inputVerificationCode` hears
    /// `'SUCCESS'`.
    CodeSentOrSuccess,
    /// `signUp`'s `{ username, userConfirmed, userSub, codeDeliveryDetails }` (the JS
    /// makes its `user`); an answer that does not say whether the user is confirmed is
    /// not SignUp's.
    SignedUp,
    /// `associateSoftwareToken`'s secret (the answer's SecretCode) to `associateSecretCode`
    /// when the callback object has it, else as success. During the MFA_SETUP challenge
    /// the answer's Session continues it: the user holds that one from then on.
    SecretCode,
}

/// What follows once Cognito has answered.
#[derive(Clone, Copy, PartialEq)]
pub enum After {
    Nothing,
    /// The device sent as `DeviceKey` is forgotten here too when it is this browser's.
    ForgetsDevice,
    /// The cached user data is fetched again (listeners hear of the refreshed session).
    RefreshesUserData,
    /// The answer is the cached user data (`getUserData`'s GetUser): kept under the SDK's
    /// `userData` key.
    CachesUserData,
    /// The answer's CredentialCreationOptions go to the browser, whose new passkey
    /// CompleteWebAuthnRegistration sends (`registerPasskey`).
    CreatesPasskey,
    /// The user's stored and in-memory sessions are cleared.
    SignsOut,
    /// [`After::SignsOut`]; the in-memory session is dropped even when the call fails.
    SignsOutEverywhere,
}
