//! Remembered devices: the secrets a confirmed device keeps, and the verifier Cognito
//! stores for it (AuthenticationHelper.generateHashDevice in the JS SDK). A device signs
//! in with the same SRP as a user, the device group key standing in for the pool name,
//! the device key for the username and a random password for the password.

use crate::prelude::*;
use crate::srp::helper::{device_hash, DEVICE_SALT_BYTES, RANDOM_STRING_BYTES};
use crate::srp::SrpError;

/// What a remembered device stores under the SDK's `deviceKey`, `deviceGroupKey` and
/// `randomPasswordKey` keys.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceSecrets {
    pub key: String,
    pub group_key: String,
    pub password: String,
}

// Hand-written: the device password is a secret.
#[cfg(not(shipped))]
impl core::fmt::Debug for DeviceSecrets {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DeviceSecrets")
            .field("key", &self.key)
            .field("group_key", &self.group_key)
            .finish_non_exhaustive()
    }
}

/// What ConfirmDevice sends: `DeviceSecretVerifierConfig` with base64 `Salt` and `PasswordVerifier`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct DeviceVerifier {
    pub salt_b64: String,
    pub verifier_b64: String,
}

/// The verifier for a new device from explicit randomness: `password_bytes` (40 bytes,
/// base64 into the device password) and `salt_bytes` (16 bytes). The same computation as
/// the exported AuthenticationHelper's `generateHashDevice`.
pub fn device_verifier(
    group_key: &str, device_key: &str, password_bytes: &[u8], salt_bytes: &[u8],
) -> (DeviceSecrets, DeviceVerifier) {
    let b64 = crate::text::base64_encode;
    let password = b64(password_bytes);
    let hash = device_hash(group_key, device_key, &password, salt_bytes);
    (
        DeviceSecrets { key: device_key.to_string(), group_key: group_key.to_string(), password },
        DeviceVerifier { salt_b64: b64(&hash.salt), verifier_b64: b64(&hash.verifier) },
    )
}

/// A fresh device verifier with randomness from `random` (crypto.getRandomValues in the browser).
pub fn new_device_verifier(
    group_key: &str, device_key: &str, random: impl Fn(&mut [u8]) -> Result<(), getrandom::Error>,
) -> Result<(DeviceSecrets, DeviceVerifier), SrpError> {
    let mut password = [0u8; RANDOM_STRING_BYTES];
    let mut salt = [0u8; DEVICE_SALT_BYTES];
    random(&mut password).and_then(|()| random(&mut salt)).map_err(SrpError::Random)?;
    Ok(device_verifier(group_key, device_key, &password, &salt))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn verifier_is_deterministic_and_well_formed() {
        let (secrets, v) = device_verifier("group", "us-east-1_dev", &[1u8; 40], &[0x80u8; 16]);
        assert_eq!(secrets.password, base64::engine::general_purpose::STANDARD.encode([1u8; 40]));
        let salt = base64::engine::general_purpose::STANDARD.decode(&v.salt_b64).unwrap();
        assert_eq!(salt.len(), 17, "a salt with the top bit set gets a 00 byte, as padHex does");
        let verifier = base64::engine::general_purpose::STANDARD.decode(&v.verifier_b64).unwrap();
        assert!(verifier.len() >= 383 && verifier.len() <= 385, "{}", verifier.len());
        assert_eq!(device_verifier("group", "us-east-1_dev", &[1u8; 40], &[0x80u8; 16]).1, v);
        assert_ne!(device_verifier("group", "us-east-1_dev", &[2u8; 40], &[0x80u8; 16]).1, v);
    }
}
