const MAX_STEM_LENGTH = 120;
// Control and format characters (including right-to-left overrides that disguise an extension).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
// Letters (Norwegian æøå included), digits and a few harmless marks survive; anything else becomes "_".
const UNSAFE = /[^\p{L}\p{M}\p{N} ._\-()+,&']/gu;
const TRAILING_EXTENSION = /\.[\p{L}\p{N}]{1,5}$/u;

/**
 * A file name safe to store and to send in Content-Disposition: no path, no
 * control or quoting characters, and the extension of the detected type.
 * `../../x.pdf` becomes `x.pdf`; an empty result falls back to `material.<ext>`.
 */
export function sanitiseFileName(original: string, ext: string): string {
  const base = original.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const stem = base
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(TRAILING_EXTENSION, '')
    // Leading dots would hide the file or climb a folder; trailing dots and spaces confuse Windows.
    .replace(/^[.\s_]+|[.\s]+$/g, '')
    .slice(0, MAX_STEM_LENGTH)
    .trim();
  return `${stem || 'material'}.${ext}`;
}

const ASCII_LETTERS: Record<string, string> = { æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', ß: 'ss', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L' };

/** The name spelled in printable ASCII, for clients that ignore `filename*`: "Årsmøte.pdf" → "Arsmote.pdf". */
export function asciiFileName(name: string): string {
  return name
    .replace(/[æÆøØßđĐłŁ]/g, (letter) => ASCII_LETTERS[letter] ?? '_')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987 does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment` with an ASCII `filename` fallback and the exact name as `filename*=UTF-8''…`. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
