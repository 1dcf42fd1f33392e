/**
 * The offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629: no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF), or -1. Only called once a strict decoder has refused the
 * bytes, to say where.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const [length, min, max] = lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
      : lead === 0xe0 ? [3, 0xa0, 0xbf]
      : lead === 0xed ? [3, 0x80, 0x9f]
      : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
      : lead === 0xf0 ? [4, 0x90, 0xbf]
      : lead === 0xf4 ? [4, 0x80, 0x8f]
      : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
      : [0, 0, 0];
    if (length === 0) return i;
    // The second byte's range is what rules out overlong forms and surrogates; the rest are plain continuations.
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
