//! The embedded FC+ stand-in, behind the `sandbox` feature: the sandbox crate when the build
//! has it; otherwise a type that has no value, so a production build holds none of the
//! stand-in's code nor its test identities, and refuses `--env sandbox` in words.

#[cfg(feature = "sandbox")]
pub use sandbox::Sandbox as StandIn;

/// No stand-in in this build: there is never one to stop.
#[cfg(not(feature = "sandbox"))]
#[derive(Debug)]
pub enum StandIn {}

#[cfg(not(feature = "sandbox"))]
impl StandIn {
    pub async fn shutdown(self) {
        match self {}
    }
}
