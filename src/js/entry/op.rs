//! The operations the facade names, looked up once per entry call: the modules below
//! then match on an [`Op`] (a byte: jump tables) instead of each comparing the name
//! with its own string literals, one call per literal. A name is looked up by its hash:
//! the wasm holds two bytes per operation, not its name.

use crate::protocol::one_request::OneRequest;
use crate::protocol::{account, registration};
use crate::text::name_hash;

/// Declares [`Op`] (a variant per name, and `Unknown`), the hashes `parse` compares, and the
/// one-request operations' rows (`ROWS`: the last operations, in their order).
macro_rules! ops {
    ($($op:ident = $name:literal,)* ; $($row_op:ident = $row_name:literal => $row:expr,)*) => {
        /// Every operation of `call` but the `srp.` ones (`data`), grouped by the
        /// module that answers it (each module's a contiguous range: one range check
        /// before its jump table).
        #[derive(Clone, Copy, PartialEq)]
        pub(super) enum Op {
            $($op,)*
            $($row_op,)*
            /// A name the facade never sends: "cognito-identity-wasm has no operation ...".
            Unknown,
        }

        /// The names' hashes (`name_hash`), in the order of `ALL`.
        const HASHES: &[u16] = &[$(name_hash($name.as_bytes()),)* $(name_hash($row_name.as_bytes()),)*];
        /// The operations in the order of `HASHES`.
        const ALL: &[Op] = &[$(Op::$op,)* $(Op::$row_op,)*];

        /// The one-request operations' rows, by operation from the first of them on
        /// (`Op::row`): one table read, not a match of its own.
        const ROWS: &[&OneRequest] = &[$(&$row,)*];
    };
}

ops! {
    // the JS side's own calls (`super::call`)
    Settled = "__settled",
    Failed = "__failed",
    Poll = "__poll",
    AtIdle = "__atIdle",
    StorageEvent = "__storageEvent",
    // data
    DecodePayload = "decodePayload",
    CalculateClockDrift = "calculateClockDrift",
    IsValid = "isValid",
    UserAgent = "userAgent",
    GetNowString = "getNowString",
    // identity
    IdentityCredentials = "identityCredentials",
    IdentityGet = "identityGet",
    IdentityNeedsRefresh = "identityNeedsRefresh",
    IdentityClearCachedId = "identityClearCachedId",
    // pool
    Pool = "pool",
    GetCurrentUser = "getCurrentUser",
    GetUserContextData = "getUserContextData",
    // user, `now`
    GetSession = "getSession",
    SignOutLocal = "signOutLocal",
    NewUser = "newUser",
    GetCachedDeviceKeyAndPassword = "getCachedDeviceKeyAndPassword",
    // user::cache
    CacheTokens = "cacheTokens",
    CacheUserData = "cacheUserData",
    ClearCachedUserData = "clearCachedUserData",
    ClearCachedTokens = "clearCachedTokens",
    ClearCachedUser = "clearCachedUser",
    CacheDeviceKeyAndPassword = "cacheDeviceKeyAndPassword",
    ClearCachedDeviceKeyAndPassword = "clearCachedDeviceKeyAndPassword",
    // user::sign_in
    AuthenticateUser = "authenticateUser",
    InitiateAuth = "initiateAuth",
    SendMfaCode = "sendMFACode",
    SendSelectChallengeAnswer = "sendSelectChallengeAnswer",
    SendMfaSelectionAnswer = "sendMFASelectionAnswer",
    SendCustomChallengeAnswer = "sendCustomChallengeAnswer",
    CompleteNewPasswordChallenge = "completeNewPasswordChallenge",
    // user, `run`
    RefreshSession = "refreshSession",
    SignOut = "signOut",
    RevokeTokens = "revokeTokens",
    // the one-request operations (`user::account`), with their rows
    ;
    UpdateAttributes = "updateAttributes" => account::UPDATE_USER_ATTRIBUTES,
    DeleteAttributes = "deleteAttributes" => account::DELETE_USER_ATTRIBUTES,
    GetUserAttributes = "getUserAttributes" => account::GET_USER_ATTRIBUTES,
    GetMfaOptions = "getMFAOptions" => account::GET_MFA_OPTIONS,
    GetAttributeVerificationCode = "getAttributeVerificationCode" => account::GET_USER_ATTRIBUTE_VERIFICATION_CODE,
    VerifyAttribute = "verifyAttribute" => account::VERIFY_USER_ATTRIBUTE,
    ChangePassword = "changePassword" => account::CHANGE_PASSWORD,
    ForgotPassword = "forgotPassword" => account::FORGOT_PASSWORD,
    ConfirmPassword = "confirmPassword" => account::CONFIRM_FORGOT_PASSWORD,
    DeleteUser = "deleteUser" => account::DELETE_USER,
    GlobalSignOut = "globalSignOut" => account::GLOBAL_SIGN_OUT,
    EnableMfa = "enableMFA" => account::ENABLE_SMS_MFA,
    DisableMfa = "disableMFA" => account::DISABLE_SMS_MFA,
    SetUserMfaPreference = "setUserMfaPreference" => account::SET_USER_MFA_PREFERENCE,
    GetDevice = "getDevice" => account::GET_DEVICE,
    ListDevices = "listDevices" => account::LIST_DEVICES,
    SetDeviceStatusRemembered = "setDeviceStatusRemembered" => account::REMEMBER_DEVICE,
    SetDeviceStatusNotRemembered = "setDeviceStatusNotRemembered" => account::DO_NOT_REMEMBER_DEVICE,
    ForgetDevice = "forgetDevice" => account::FORGET_DEVICE,
    ForgetSpecificDevice = "forgetSpecificDevice" => account::FORGET_SPECIFIC_DEVICE,
    ListPasskeys = "listPasskeys" => account::LIST_WEBAUTHN_CREDENTIALS,
    DeletePasskey = "deletePasskey" => account::DELETE_WEBAUTHN_CREDENTIAL,
    ConfirmRegistration = "confirmRegistration" => registration::CONFIRM_SIGN_UP,
    ResendConfirmationCode = "resendConfirmationCode" => registration::RESEND_CONFIRMATION_CODE,
    AssociateSoftwareToken = "associateSoftwareToken" => account::ASSOCIATE_SOFTWARE_TOKEN,
    VerifySoftwareToken = "verifySoftwareToken" => account::VERIFY_SOFTWARE_TOKEN,
    GetUserData = "getUserData" => account::GET_USER,
    RegisterPasskey = "registerPasskey" => account::START_WEBAUTHN_REGISTRATION,
    SignUp = "signUp" => registration::SIGN_UP,
}

impl Op {
    /// The one-request operation's row; None for an operation of another kind.
    pub fn row(self) -> Option<&'static OneRequest> {
        ROWS.get((self as usize).wrapping_sub(ALL.len() - ROWS.len())).copied()
    }

    /// The operation named `name`, found by its hash: no table of names in the wasm (the
    /// facade sends only the names below; another name hashes to one of theirs about once
    /// in a thousand). The `srp.` operations, answered by name (`data::srp`), are none of
    /// these.
    pub fn parse(name: &str) -> Op {
        if name.starts_with("srp.") {
            return Op::Unknown;
        }
        let hash = name_hash(name.as_bytes());
        let at = HASHES.iter().position(|h| *h == hash);
        at.and_then(|i| ALL.get(i).copied()).unwrap_or(Op::Unknown)
    }
}

/// No two operations share a hash (checked when compiling).
const _: () = {
    let mut i = 0;
    while i < HASHES.len() {
        let mut j = i + 1;
        while j < HASHES.len() {
            assert!(HASHES[i] != HASHES[j], "two operation names share a hash");
            j += 1;
        }
        i += 1;
    }
};
