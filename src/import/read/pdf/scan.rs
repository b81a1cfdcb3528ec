//! A PDF's size in parsed values, counted from its bytes before it is
//! parsed: lopdf turns every number, name and string of the file's objects
//! into a value of about a hundred bytes, all at once, so a file of a few
//! megabytes holding a ten-million-entry array would take a gigabyte before
//! any budget on the parsed document could look at it.
//!
//! The count is a lexer's: values outside streams, and inside the compressed
//! object streams (`/Type /ObjStm`) that lopdf also parses on load, inflated
//! within a bound. Content streams are skipped: they are parsed page by page,
//! later, within the collector's own budget.

use std::io::Read;

/// Most values a PDF's objects may hold. A long report has tens of thousands
/// (an embedded Chinese font's widths are the most); two million parsed
/// values are ~200 MB.
pub(super) const MAX_VALUES: usize = 2_000_000;
/// What one object stream may inflate to while being counted.
const MAX_OBJECT_STREAM: u64 = 64 * 1024 * 1024;

/// Whether the file's objects hold at most [`MAX_VALUES`] values.
pub(super) fn values_within_budget(bytes: &[u8]) -> bool {
    let mut count = 0;
    count_values(bytes, &mut count, true);
    count <= MAX_VALUES
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Adds the values in `bytes` to `count`, stopping once it is over budget.
/// With `streams`, a `stream … endstream` is skipped, or counted inside
/// when it is a Flate object stream.
fn count_values(bytes: &[u8], count: &mut usize, streams: bool) {
    let from = |i: usize| bytes.get(i..).unwrap_or_default();
    let mut i = 0;
    // Where the current object's text began (after the last `endobj` or
    // stream), to tell an object stream by its dictionary.
    let mut object_start = 0;
    while let Some(&b) = bytes.get(i) {
        if *count > MAX_VALUES {
            return;
        }
        if is_space(b) {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        match b {
            b'%' => {
                i = memchr::memchr2(b'\n', b'\r', from(i)).map_or(bytes.len(), |n| i + n);
            }
            b'(' => {
                i = string_end(bytes, i);
                *count += 1;
            }
            b'<' if next == Some(b'<') => i += 2,
            b'>' if next == Some(b'>') => i += 2,
            b'<' => {
                i = memchr::memchr(b'>', from(i)).map_or(bytes.len(), |n| i + n + 1);
                *count += 1;
            }
            b'[' | b']' | b'{' | b'}' | b')' | b'>' => i += 1,
            _ => {
                let start = i;
                i += 1 + from(i + 1)
                    .iter()
                    .position(|&c| is_space(c) || is_delimiter(c))
                    .unwrap_or(from(i + 1).len());
                let word = bytes.get(start..i).unwrap_or_default();
                *count += 1;
                if word == b"endobj" {
                    object_start = i;
                } else if streams && word == b"stream" {
                    let end =
                        memchr::memmem::find(from(i), b"endstream").map_or(bytes.len(), |n| i + n);
                    let dict = bytes.get(object_start..start).unwrap_or_default();
                    if contains(dict, b"/ObjStm") && contains(dict, b"/FlateDecode") {
                        let body = bytes.get(i..end).unwrap_or_default().trim_ascii_start();
                        let mut inflated = Vec::new();
                        // A stream cut short counts what it inflated to.
                        let _ = flate2::read::ZlibDecoder::new(body)
                            .take(MAX_OBJECT_STREAM)
                            .read_to_end(&mut inflated);
                        count_values(&inflated, count, false);
                    }
                    i = end + b"endstream".len();
                    object_start = i;
                }
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Where the literal string opening at `start` ends: after its balancing
/// `)`, escapes (`\(`, `\)`, `\\`) aside.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(bytes: &[u8]) -> usize {
        let mut count = 0;
        count_values(bytes, &mut count, true);
        count
    }

    #[test]
    fn values_are_counted_outside_streams_and_strings() {
        // 1 0 obj, 4 names, 3 in the array, the reference's 3, endobj = 14.
        let object = b"1 0 obj << /Type /Font /Widths [500 600 (a \\) b)] /Parent 2 0 R >> endobj";
        assert_eq!(counted(object), 14);
        let with_stream =
            b"1 0 obj << /Length 9 >> stream\n[1 2 3 4]\nendstream endobj % [5 6 7]\n";
        assert_eq!(
            counted(with_stream),
            7,
            "the stream and the comment are skipped"
        );
    }

    #[test]
    fn an_object_streams_values_are_counted_inflated() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"5 0 [1 2 3 4 5 6 7 8]").expect("deflate");
        let mut file =
            b"3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >> stream\n".to_vec();
        file.extend(z.finish().expect("deflate"));
        file.extend(b"\nendstream endobj");
        assert_eq!(counted(&file), 12 + 10 + 1);
    }
}
