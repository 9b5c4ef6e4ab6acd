//! Sign-in: the typed states and Cognito's message sequence (`sign_in`), the answers an
//! app gives to challenges (`answers`), and the arguments of the SDK's challenge
//! callbacks (`callbacks`).
//! Plain Rust, no I/O: the driver in `flows::sign_in` sends what these produce.

mod answers;
mod callbacks;
pub mod device;
mod sign_in;

pub use answers::Answer;
pub use callbacks::{new_password_required_args, USER_ATTRIBUTES_PREFIX};
pub use sign_in::{
    session_from, AwaitingAnswer, AwaitingServer, Begin, Challenge, Devices, NewDevice, Next, SignInParams, SignedIn,
    UserContext,
};
