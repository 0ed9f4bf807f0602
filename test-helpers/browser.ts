import fs from 'node:fs';

/** The Chromium to test with, if one is named or installed by the system; else Playwright's own. */
export function systemChromium(): string | undefined {
  const named = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (named) {
    if (!fs.existsSync(named)) {
      throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH is ${named}, which does not exist.`);
    }
    return named;
  }
  return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
