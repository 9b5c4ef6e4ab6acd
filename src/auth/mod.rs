//! Sign-in: the state machine (`sign_in`), the answers an app gives to challenges
//! (`answers`), and how challenges map to the SDK's callbacks (`callbacks`).
//! Plain Rust, no I/O: the driver in `client` sends what these produce.

mod answers;
mod callbacks;
pub mod device;
mod sign_in;

pub use answers::Answer;
pub use callbacks::{challenge_callback, new_password_required_args, ChallengeCallback, USER_ATTRIBUTES_PREFIX};
pub use sign_in::{refresh_request, tokens_from, Challenge, Flow, NewDevice, SignIn, SignInParams, Step, Tokens};
