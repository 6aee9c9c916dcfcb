/**
 * A user agent told as people name their device: "Firefox on Android". Only the common browsers
 * and systems are told apart; anything else is unknown rather than guessed. Order matters: Edge,
 * Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari".
 */
const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdgA?\/|\bEdgiOS\//, 'Edge'], [/\bOPR\/|\bOPiOS\//, 'Opera'], [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'], [/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'], [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'], [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'], [/\bCrOS\b/, 'ChromeOS'], [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'], [/\bLinux\b/, 'Linux'],
];

const first = (list: Array<[RegExp, string]>, text: string) => list.find(([pattern]) => pattern.test(text))?.[1];

/** The browser and system a user agent names, or undefined for either it does not recognise. */
export function describeDevice(userAgent: string): { browser?: string; os?: string } {
  return { browser: first(BROWSERS, userAgent), os: first(SYSTEMS, userAgent) };
}
