//! The operations the facade names, looked up once per entry call: the modules below
//! then match on an [`Op`] (a byte: jump tables) instead of each comparing the name
//! with its own string literals, one call per literal.

/// Declares [`Op`] (a variant per name, and `Unknown`) and the table `parse` scans.
macro_rules! ops {
    ($($op:ident = $name:literal,)*) => {
        /// Every operation of `run` and `now` but the `srp.` ones (`data`), grouped by the
        /// module that answers it (each module's a contiguous range: one range check
        /// before its jump table).
        #[derive(Clone, Copy, PartialEq)]
        pub(super) enum Op {
            $($op,)*
            /// A name the facade never sends: "cognito-identity-wasm has no operation ...".
            Unknown,
        }

        /// The names, each followed by a space: one string to scan, no table of pointers.
        const NAMES: &str = concat!($($name, " ",)*);
        /// The operations in the order of `NAMES`.
        const ALL: &[Op] = &[$(Op::$op,)*];
    };
}

ops! {
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
    // user::account
    UpdateAttributes = "updateAttributes",
    DeleteAttributes = "deleteAttributes",
    GetUserAttributes = "getUserAttributes",
    GetMfaOptions = "getMFAOptions",
    GetAttributeVerificationCode = "getAttributeVerificationCode",
    VerifyAttribute = "verifyAttribute",
    ChangePassword = "changePassword",
    ForgotPassword = "forgotPassword",
    ConfirmPassword = "confirmPassword",
    DeleteUser = "deleteUser",
    GlobalSignOut = "globalSignOut",
    EnableMfa = "enableMFA",
    DisableMfa = "disableMFA",
    SetUserMfaPreference = "setUserMfaPreference",
    GetDevice = "getDevice",
    ListDevices = "listDevices",
    SetDeviceStatusRemembered = "setDeviceStatusRemembered",
    SetDeviceStatusNotRemembered = "setDeviceStatusNotRemembered",
    ForgetDevice = "forgetDevice",
    ForgetSpecificDevice = "forgetSpecificDevice",
    ListPasskeys = "listPasskeys",
    DeletePasskey = "deletePasskey",
    ConfirmRegistration = "confirmRegistration",
    ResendConfirmationCode = "resendConfirmationCode",
    // user, `run`
    AssociateSoftwareToken = "associateSoftwareToken",
    VerifySoftwareToken = "verifySoftwareToken",
    RefreshSession = "refreshSession",
    SignOut = "signOut",
    RevokeTokens = "revokeTokens",
    GetUserData = "getUserData",
    RegisterPasskey = "registerPasskey",
    SignUp = "signUp",
}

impl Op {
    pub fn parse(name: &str) -> Op {
        // Bytes, not `str::split`: its pattern searcher is several times the code. (The
        // empty name after the last space is no operation: `ALL` ends before it.)
        let at = NAMES.as_bytes().split(|b| *b == b' ').position(|n| n == name.as_bytes());
        at.and_then(|i| ALL.get(i).copied()).unwrap_or(Op::Unknown)
    }
}
