//! Bytes to text: a UTF-8 byte-order mark is kept (offsets stay those of the
//! file) but ignored by later stages; invalid UTF-8 is replaced and reported
//! with its byte offset; binary and empty files are skipped.

use crate::error::Warning;

/// Decodes a file's bytes.
///
/// # Errors
/// A skipping [`Warning`] for binary content (NUL bytes or mostly control
/// characters) and for files with no text.
pub fn decode(path: &str, bytes: &[u8]) -> Result<(String, Vec<Warning>), Warning> {
    check_binary(path, bytes)?;
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            warnings.push(invalid_utf8(path, e.valid_up_to()));
            replace_invalid(bytes)
        }
    };
    check_empty(path, text, warnings)
}

/// [`decode`] taking the bytes by value: valid UTF-8 becomes the text without
/// a copy, so reading a file holds it in memory once, not twice.
///
/// # Errors
/// As [`decode`].
pub fn decode_vec(path: &str, bytes: Vec<u8>) -> Result<(String, Vec<Warning>), Warning> {
    check_binary(path, &bytes)?;
    let (text, warning) = decode_page(path, bytes, 0);
    check_empty(path, text, warning.into_iter().collect())
}

/// Decodes a later page of a file read a page at a time: no binary or empty
/// check (those look at the file's head), and an invalid byte is reported
/// with its offset in the file (`base` is the page's).
pub fn decode_page(path: &str, bytes: Vec<u8>, base: usize) -> (String, Option<Warning>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = base + e.utf8_error().valid_up_to();
            (replace_invalid(e.as_bytes()), Some(invalid_utf8(path, at)))
        }
    }
}

fn skip(path: &str, message: &str) -> Warning {
    Warning {
        path: path.to_string(),
        message: message.to_string(),
        skipped: true,
    }
}

fn invalid_utf8(path: &str, at: usize) -> Warning {
    Warning {
        path: path.to_string(),
        message: format!("invalid UTF-8 at byte {at}, replaced"),
        skipped: false,
    }
}

/// Binary detection looks at the first 8 KiB only.
pub(crate) fn check_binary(path: &str, bytes: &[u8]) -> Result<(), Warning> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(skip(path, "binary file (NUL bytes), skipped"));
    }
    // Counted a block at a time with a branch-free test, which the compiler
    // turns into vector instructions (a filter with `&&` tested byte by
    // byte: three instructions a byte of every file read).
    let control =
        |b: u8| u8::from((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c));
    let controls: usize = head
        .chunks(64)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + control(b))))
        .sum();
    if !head.is_empty() && controls * 10 > head.len() {
        return Err(skip(path, "binary file (control bytes), skipped"));
    }
    Ok(())
}

fn check_empty(
    path: &str,
    text: String,
    warnings: Vec<Warning>,
) -> Result<(String, Vec<Warning>), Warning> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(skip(path, "empty file, skipped"));
    }
    Ok((text, warnings))
}

/// Replaces each invalid byte with one `?`, so byte offsets in the text stay
/// those of the file (U+FFFD would take three bytes and shift every later span).
fn replace_invalid(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len()).max(1);
                out.extend(std::iter::repeat_n('?', bad));
                bytes = &rest[bad.min(rest.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_with_its_offset() {
        let (text, w) = decode("a.txt", b"Kim met\xff Putin").unwrap();
        assert_eq!(text, "Kim met? Putin");
        assert_eq!(w[0].message, "invalid UTF-8 at byte 7, replaced");
    }

    #[test]
    fn decode_vec_agrees_with_decode() {
        for bytes in [
            &b"Kim met\xff Putin"[..],
            b"\xef\xbb\xbfKim met Putin.",
            b"\x7fELF\x00\x01",
            b"  \n\t",
            b"plain text",
        ] {
            assert_eq!(decode("a.txt", bytes), decode_vec("a.txt", bytes.to_vec()));
        }
    }

    /// A tenth of the head in control bytes (tab, newline, carriage return
    /// and form feed are text) makes a file binary; just under does not.
    #[test]
    fn binary_is_more_than_a_tenth_of_control_bytes() {
        for (controls, len, binary) in [(100, 1000, false), (101, 1000, true), (100, 999, true)] {
            let mut bytes = b"\n\r\t\x0ca".repeat(len / 5 + 1);
            bytes.truncate(len);
            for i in 0..controls {
                bytes[i * 3] = [1, 0x1f, 0x0b, 0x1b][i % 4];
            }
            assert_eq!(
                check_binary("a.txt", &bytes).is_err(),
                binary,
                "{controls} in {len}"
            );
        }
        // Past the first 8 KiB nothing counts.
        let mut bytes = vec![b'a'; 8192];
        bytes.extend(vec![1u8; 8192]);
        assert!(check_binary("a.txt", &bytes).is_ok());
        bytes[..820].fill(2);
        assert!(check_binary("a.txt", &bytes).is_err());
    }

    #[test]
    fn binary_and_empty_files_are_skipped() {
        assert!(decode("b.bin", b"\x7fELF\x00\x01").is_err());
        assert!(decode("e.txt", b"  \n\t").is_err());
        assert!(decode("bom.txt", b"\xef\xbb\xbf\n").is_err());
    }
}
