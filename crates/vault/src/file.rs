//! The session file: its byte format (header, nonce, AES-256-GCM ciphertext) and its atomic write.
//!
//! ```text
//! offset  size  field
//!      0     8  magic "GUICHETV"
//!      8     1  format version (1)
//!      9     8  expiry, unix seconds, signed big-endian
//!     17    12  nonce (random)
//!     29     n  ciphertext of the payload
//!   29+n    16  GCM tag
//! ```
//! Associated data = magic ‖ version ‖ binding length (u32 BE) ‖ binding ‖ expiry, so a file
//! moved to another binding, or with its expiry edited, fails to authenticate.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use aes_gcm::aead::AeadInOut;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::TamperReason;
use crate::keyring_store::DataKey;

const MAGIC: &[u8; 8] = b"GUICHETV";
const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const EXPIRY_AT: usize = MAGIC.len() + 1;
const NONCE_AT: usize = EXPIRY_AT + 8;
const HEADER_LEN: usize = NONCE_AT + NONCE_LEN;

/// The largest payload the vault accepts (a session is a few kilobytes).
pub(crate) const MAX_PAYLOAD: usize = 8 * 1024 * 1024;
const MAX_FILE: u64 = (HEADER_LEN + MAX_PAYLOAD + TAG_LEN) as u64;

/// File name of the session for one binding: a digest, so bindings can share a folder
/// without the name revealing the environment or client.
pub(crate) fn file_name(binding: &str) -> String {
    let digest = Sha256::digest(binding.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("session-{hex}.vault")
}

fn associated_data(binding: &str, expires_at: i64) -> Vec<u8> {
    let binding_len = u32::try_from(binding.len()).unwrap_or(u32::MAX);
    let mut aad = Vec::with_capacity(HEADER_LEN + binding.len());
    aad.extend_from_slice(MAGIC);
    aad.push(VERSION);
    aad.extend_from_slice(&binding_len.to_be_bytes());
    aad.extend_from_slice(binding.as_bytes());
    aad.extend_from_slice(&expires_at.to_be_bytes());
    aad
}

/// Encrypts `payload` into the bytes of a complete session file.
pub(crate) fn seal(
    key: &DataKey,
    nonce: [u8; NONCE_LEN],
    binding: &str,
    expires_at: i64,
    payload: &[u8],
) -> Result<Zeroizing<Vec<u8>>, aes_gcm::Error> {
    let cipher = Aes256Gcm::new((&**key).into());
    // One buffer, zeroed on drop: the plaintext is encrypted where it lies.
    let mut out = Zeroizing::new(Vec::with_capacity(HEADER_LEN + payload.len() + TAG_LEN));
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&expires_at.to_be_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(payload);
    let tag = cipher.encrypt_inout_detached(
        &Nonce::from(nonce),
        &associated_data(binding, expires_at),
        out[HEADER_LEN..].as_mut().into(),
    )?;
    out.extend_from_slice(&tag);
    Ok(out)
}

/// A session file whose header has been checked, not yet authenticated.
#[derive(Debug)]
pub(crate) struct SealedSession<'a> {
    /// Expiry as written in the header; trust it only after [`SealedSession::open`].
    pub(crate) claimed_expiry: i64,
    nonce: [u8; NONCE_LEN],
    ciphertext: &'a [u8],
    tag: [u8; TAG_LEN],
}

impl<'a> SealedSession<'a> {
    /// Checks magic, version and length.
    pub(crate) fn parse(bytes: &'a [u8]) -> Result<Self, TamperReason> {
        if bytes.len() < HEADER_LEN + TAG_LEN
            || &bytes[..MAGIC.len()] != MAGIC
            || bytes[MAGIC.len()] != VERSION
        {
            return Err(TamperReason::BadHeader);
        }
        let field = |at: usize, len: usize| &bytes[at..at + len];
        let mut expiry = [0; 8];
        expiry.copy_from_slice(field(EXPIRY_AT, 8));
        let mut nonce = [0; NONCE_LEN];
        nonce.copy_from_slice(field(NONCE_AT, NONCE_LEN));
        let (ciphertext, tag_bytes) =
            bytes[HEADER_LEN..].split_at(bytes.len() - HEADER_LEN - TAG_LEN);
        let mut tag = [0; TAG_LEN];
        tag.copy_from_slice(tag_bytes);
        Ok(Self {
            claimed_expiry: i64::from_be_bytes(expiry),
            nonce,
            ciphertext,
            tag,
        })
    }

    /// Authenticates header and binding, and decrypts the payload.
    pub(crate) fn open(
        &self,
        key: &DataKey,
        binding: &str,
    ) -> Result<Zeroizing<Vec<u8>>, TamperReason> {
        let cipher = Aes256Gcm::new((&**key).into());
        let mut plaintext = Zeroizing::new(self.ciphertext.to_vec());
        cipher
            .decrypt_inout_detached(
                &Nonce::from(self.nonce),
                &associated_data(binding, self.claimed_expiry),
                plaintext.as_mut_slice().into(),
                &Tag::from(self.tag),
            )
            .map_err(|_| TamperReason::DecryptFailed)?;
        Ok(plaintext)
    }
}

/// What reading the session file found.
#[derive(Debug)]
pub(crate) enum FileRead {
    Missing,
    Oversized,
    Bytes(Vec<u8>),
}

/// Reads the session file, refusing to load more than a session can be.
pub(crate) fn read(path: &Path) -> io::Result<FileRead> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if is_absent(&err) => return Ok(FileRead::Missing),
        Err(err) => return Err(err),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Ok(FileRead::Oversized);
    }
    Ok(FileRead::Bytes(bytes))
}

/// Replaces `path` with `bytes` so that a reader (or a crash) sees the old file or the new
/// one, never a mix: temp file in the same folder, write, fsync, rename, fsync the folder.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, name) = split(path)?;
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    remove_stale_temps(path)?;

    // create_new below refuses an existing name, so pid + counter is enough to be unique.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let serial = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(
        "{}{}-{serial}",
        temp_prefix(name),
        std::process::id()
    ));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(err) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    sync_dir(dir)
}

/// Removes the session file; `Ok(false)` when it was not there.
pub(crate) fn remove(path: &Path) -> io::Result<bool> {
    remove_stale_temps(path)?;
    let removed = match fs::remove_file(path) {
        Ok(()) => true,
        Err(err) if is_absent(&err) => false,
        Err(err) => return Err(err),
    };
    if removed {
        let (dir, _) = split(path)?;
        sync_dir(dir)?;
    }
    Ok(removed)
}

/// Removes temp files a killed `store` left behind for this session file.
fn remove_stale_temps(path: &Path) -> io::Result<()> {
    let (dir, name) = split(path)?;
    let prefix = temp_prefix(name);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if is_absent(&err) => return Ok(()),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            match fs::remove_file(entry.path()) {
                Ok(()) => {}
                Err(err) if is_absent(&err) => {}
                Err(err) => return Err(err),
            }
        }
    }
    Ok(())
}

/// Temp files are hidden and named after the session file, so only our own are cleaned.
pub(crate) fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

fn split(path: &Path) -> io::Result<(&Path, &str)> {
    match (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        (Some(dir), Some(name)) => Ok((dir, name)),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the session path has no folder or file name",
        )),
    }
}

/// A missing file, or a "folder" that is not one: either way there is nothing to read or remove.
fn is_absent(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    // Makes the rename or removal itself durable, not only the file's bytes.
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a folder as a file; its rename is durable once it returns.
    Ok(())
}

#[cfg(test)]
mod tests;
