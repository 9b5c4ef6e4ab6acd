//! Sign-in: the typed states and Cognito's message sequence (`sign_in`), and the answers an
//! app gives to challenges (`answers`). The SDK's challenge callbacks get their arguments
//! in the facade (`challengeReply`, src/facade/core.js).
//! Plain Rust, no I/O: the driver in `flows::sign_in` sends what these produce.

mod answers;
pub mod device;
mod sign_in;

pub use answers::{Answer, USER_ATTRIBUTES_PREFIX};
pub use sign_in::{
    session_from, AwaitingAnswer, AwaitingServer, Begin, Challenge, Devices, NewDevice, Next, SignInParams, SignedIn,
    Step, UserContext,
};
