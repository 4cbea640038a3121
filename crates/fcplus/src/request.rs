//! The smallest HTTP/1.1 request-head parser the loopback listener needs: request line only,
//! bounded, never allocating more than the bytes it was given. Fuzzable on its own.

/// The largest request head (request line + headers) the listener reads.
pub const MAX_REQUEST_HEAD: usize = 8 * 1024;

/// The parts of a request head the listener looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHead<'a> {
    pub method: &'a str,
    /// The origin-form target, e.g. `/callback?code=…&state=…`.
    pub target: &'a str,
}

/// Why bytes are not a request head we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// More than [`MAX_REQUEST_HEAD`] bytes without the end of the head.
    #[error("request head too large")]
    TooLarge,
    /// Not an HTTP/1.x request line.
    #[error("malformed request")]
    Malformed,
}

/// Parses the head in `buf`. `Ok(None)`: incomplete, read more.
pub fn parse_head(buf: &[u8]) -> Result<Option<RequestHead<'_>>, RequestError> {
    let Some(end) = find_head_end(buf) else {
        return if buf.len() >= MAX_REQUEST_HEAD {
            Err(RequestError::TooLarge)
        } else {
            Ok(None)
        };
    };
    if end > MAX_REQUEST_HEAD {
        return Err(RequestError::TooLarge);
    }
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| RequestError::Malformed)?;
    let line = head.split("\r\n").next().ok_or(RequestError::Malformed)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(RequestError::Malformed);
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    if !method_ok || !target.starts_with('/') || !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(RequestError::Malformed);
    }
    if target.bytes().any(|b| b.is_ascii_control()) {
        return Err(RequestError::Malformed);
    }
    Ok(Some(RequestHead { method, target }))
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_browser_request() {
        let raw = b"GET /callback?code=abc&state=xyz HTTP/1.1\r\nHost: 127.0.0.1:7878\r\nUser-Agent: x\r\n\r\n";
        let head = parse_head(raw).unwrap().unwrap();
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/callback?code=abc&state=xyz");
    }

    #[test]
    fn waits_for_more_bytes_until_the_head_ends() {
        assert_eq!(
            parse_head(b"GET /callback HTTP/1.1\r\nHost: x\r\n"),
            Ok(None)
        );
    }

    #[test]
    fn refuses_oversized_heads() {
        let mut raw = b"GET /".to_vec();
        raw.extend(std::iter::repeat_n(b'a', MAX_REQUEST_HEAD));
        assert_eq!(parse_head(&raw), Err(RequestError::TooLarge));
    }

    #[test]
    fn refuses_garbage_and_absolute_targets() {
        for raw in [
            &b"\x16\x03\x01\x02\x00\x01\r\n\r\n"[..],
            b"GET http://evil/ HTTP/1.1\r\n\r\n",
            b"GET /a b HTTP/1.1\r\n\r\n",
            b"get /a HTTP/1.1\r\n\r\n",
            b"GET /a HTTP/2\r\n\r\n",
        ] {
            assert_eq!(parse_head(raw), Err(RequestError::Malformed), "{raw:?}");
        }
    }
}
