//! The `guichet` binary: everything lives in the library so tests and the window reach it.

fn main() -> std::process::ExitCode {
    guichet::run()
}
