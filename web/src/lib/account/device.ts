import type { MessageKey } from '@spejl/shared';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const browsers: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const systems: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short, human name for the device behind a User-Agent, such as "Firefox på Windows". */
export function describeDevice(userAgent: string | null, t: Translate): string {
  if (!userAgent) return t('account.session.unknownDevice');
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !system) return t('account.session.unknownDevice');
  return t('account.session.device', {
    browser: browser ?? t('account.session.unknownBrowser'),
    os: system ?? t('account.session.unknownSystem'),
  });
}
