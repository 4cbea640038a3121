//! How WebKit paints the window: on the GPU where there is one, else on the CPU.
//!
//! WebKitGTK (2.46 and later) paints with Skia on the GPU through OpenGL by default. A machine
//! without a GPU render node it may open (a virtual machine, a kiosk whose graphics driver is
//! missing, Xvfb) gets Mesa's software OpenGL (llvmpipe) instead: there the first screen's
//! shaders are compiled by LLVM on the CPU, about 130 ms of the window's first paint on this
//! project's 2-core machine (docs/PERFORMANCE.md), and Skia's own CPU rendering, which WebKit's
//! authors recommend for weak GPUs, paints the same screen sooner. An operator's own setting of
//! the variable is left as it is.

use std::ffi::OsStr;
use std::fs::OpenOptions;
use std::path::Path;

/// WebKitGTK's switch to Skia's CPU rendering, read once by each of its processes.
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Where the kernel lists the GPUs' render nodes.
const RENDER_NODES: &str = "/dev/dri";

/// Why WebKit paints the way it does, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendering {
    /// The environment already says (`WEBKIT_SKIA_ENABLE_CPU_RENDERING` set by the operator).
    AsConfigured,
    /// A GPU render node this user may open: WebKit's default, the GPU.
    Gpu,
    /// No GPU render node this user may open: Skia on the CPU.
    Cpu,
}

impl Rendering {
    /// The choice for this machine: `configured` is the variable's value if set, `nodes` the
    /// folder of render nodes.
    pub fn choose(configured: Option<&OsStr>, nodes: &Path) -> Self {
        if configured.is_some() {
            Self::AsConfigured
        } else if has_usable_render_node(nodes) {
            Self::Gpu
        } else {
            Self::Cpu
        }
    }
}

/// Chooses before WebKit starts and sets WebKit's variable for the CPU, so its web process,
/// started later with this environment, reads it too. Call it first in the window's `run`,
/// while the process has one thread.
pub fn choose_before_webkit() -> Rendering {
    let rendering = Rendering::choose(
        std::env::var_os(CPU_RENDERING).as_deref(),
        Path::new(RENDER_NODES),
    );
    if rendering == Rendering::Cpu {
        set_cpu_rendering();
    }
    rendering
}

// The one `unsafe` of the workspace (the libraries forbid it; docs/SECURITY.md).
#[allow(unsafe_code)]
fn set_cpu_rendering() {
    // SAFETY: `set_var` is unsound only while another thread reads or writes the environment.
    // This runs first in the window's `run`, before Tauri, tokio, GTK or WebKit start a thread;
    // the process has only its main thread (logging writes to stderr or the journal from it).
    unsafe { std::env::set_var(CPU_RENDERING, "1") };
}

/// Whether `nodes` holds a `renderD*` node this process may open for reading and writing, as
/// Mesa does before it falls back to software.
fn has_usable_render_node(nodes: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(nodes) else {
        return false;
    };
    entries.flatten().any(|entry| {
        entry.file_name().to_string_lossy().starts_with("renderD")
            && OpenOptions::new()
                .read(true)
                .write(true)
                .open(entry.path())
                .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operators_setting_wins_over_the_machine() {
        let empty = tempfile::tempdir().unwrap();
        for value in ["1", "0", ""] {
            assert_eq!(
                Rendering::choose(Some(OsStr::new(value)), empty.path()),
                Rendering::AsConfigured
            );
        }
    }

    #[test]
    fn without_a_render_node_webkit_paints_on_the_cpu() {
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(Rendering::choose(None, empty.path()), Rendering::Cpu);
        let missing = empty.path().join("dri");
        assert_eq!(Rendering::choose(None, &missing), Rendering::Cpu);
        // A card node alone (a display controller without a render engine) is not a GPU.
        std::fs::write(empty.path().join("card0"), b"").unwrap();
        assert_eq!(Rendering::choose(None, empty.path()), Rendering::Cpu);
    }

    #[test]
    fn a_render_node_this_user_may_open_keeps_the_gpu() {
        let nodes = tempfile::tempdir().unwrap();
        std::fs::write(nodes.path().join("renderD128"), b"").unwrap();
        assert_eq!(Rendering::choose(None, nodes.path()), Rendering::Gpu);
    }
}
