//! The journal's record frame: `[length u32 LE][CRC-32 u32 LE][payload]`.
//! Reading stops at the first frame that is short or fails its checksum
//! (a torn tail: kill -9 mid-write, a full disk) and says how many bytes
//! it left unread; what comes before it is intact. The checksum is
//! `crc32fast` (a well-kept crate; SIMD where the CPU has it).

/// Frames larger than this are corrupt (no journaled request comes near:
/// the HTTP front takes bodies up to 24 MiB).
pub const MAX_PAYLOAD: usize = 256 * 1024 * 1024;
const HEAD: usize = 8;

/// The bytes of one frame around `payload`.
pub fn encode(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEAD + payload.len());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The frames of `bytes`, in order, and where the intact part ends.
pub struct Decoded<'a> {
    pub payloads: Vec<&'a [u8]>,
    /// Bytes of intact frames from the start; `bytes.len()` when nothing is torn.
    pub good_len: usize,
}

impl Decoded<'_> {
    /// Bytes after the last intact frame (a torn or corrupt tail).
    pub fn torn(&self, total: usize) -> usize {
        total - self.good_len
    }
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let mut payloads = Vec::new();
    let mut at = 0;
    while bytes.len() - at >= HEAD {
        let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or([0; 4])) as usize;
        let crc = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap_or([0; 4]));
        if len > MAX_PAYLOAD || bytes.len() - at - HEAD < len {
            break;
        }
        let payload = &bytes[at + HEAD..at + HEAD + len];
        if crc32fast::hash(payload) != crc {
            break;
        }
        payloads.push(payload);
        at += HEAD + len;
    }
    Decoded {
        payloads,
        good_len: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_a_torn_tail_is_cut_at_the_last_good_frame() {
        let mut bytes = encode(b"one");
        bytes.extend(encode(b"two"));
        let whole = bytes.len();
        let d = decode(&bytes);
        assert_eq!(d.payloads, vec![&b"one"[..], &b"two"[..]]);
        assert_eq!(d.torn(whole), 0);
        // Every truncation inside the second frame keeps exactly the first.
        let first = encode(b"one").len();
        for cut in first..whole {
            let d = decode(&bytes[..cut]);
            assert_eq!(d.payloads, vec![&b"one"[..]], "cut at {cut}");
            assert_eq!(d.good_len, first);
        }
        // A flipped bit in the payload fails the checksum.
        let mut bad = bytes.clone();
        bad[whole - 1] ^= 1;
        assert_eq!(decode(&bad).payloads.len(), 1);
        // A huge length is corrupt, not an allocation.
        let mut huge = encode(b"x");
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&huge).payloads.is_empty());
    }
}
