// Text that came from data files (names, codes, cell values) can carry terminal escapes that clear the
// screen or retitle the window (`\x1b[2J`, `\x1b]0;…\x07`) and bidi overrides (U+202E) that show text
// in another order than it is. Everything impactkit prints for people, on a terminal or in Markdown,
// goes through this one function, which makes such characters visible instead of obeying them.

// C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding, override, isolate and
// mark characters (Unicode UAX #9); an SGR colour sequence is matched whole so it can be kept.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function shown(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x1b) return '␛';
  // U+2400 onwards are the Control Pictures: ␀ … ␟, and ␡ for DEL.
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  return `\\u{${code.toString(16)}}`;
}

/**
 * `text` with every control and bidi character made visible (`\x1b` → `␛`, U+202E → `\u{202e}`).
 * With `keepColour`, the colour sequences impactkit itself adds (SGR, `\x1b[…m`) stay.
 */
export function visibleText(text: string, keepColour = false): string {
  // The same string back when there is nothing to show (no new string, and callers can tell).
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  UNSAFE.lastIndex = 0;
  return text.replace(UNSAFE, (match) => {
    if (match.length > 1) return keepColour && isOwnColour(match) ? match : `␛${match.slice(1)}`;
    return shown(match);
  });
}

// The SGR codes chalk writes for what impactkit uses (bold, dim, colours and their resets): a data
// value's blink, inverse or conceal (`\x1b[8m` would hide what follows) is never one of them.
const OWN_SGR = new Set([
  0, 1, 2, 3, 4, 22, 23, 24, 30, 31, 32, 33, 34, 35, 36, 37, 39, 90, 91, 92, 93, 94, 95, 96, 97,
]);

function isOwnColour(sequence: string): boolean {
  const codes = sequence.slice(2, -1).split(';');
  return codes.every((c) => c !== '' && OWN_SGR.has(Number(c)));
}
