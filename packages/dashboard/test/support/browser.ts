import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './stack';

/** Debian's Chromium (`.ci/run` installs it); playwright-core drives it and downloads no browser of its own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this network refuses.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The environment for Chromium, without libfaketime: under scripts/test-on-dates.sh the whole suite runs on a faked
 * clock, which Chromium's multi-process start-up does not survive (it hangs or traps). The browser's time is each
 * test's to set (`context.clock`), so it needs no faked system clock.
 */
function browserEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const preload = (env.LD_PRELOAD ?? '').split(/[\s:]+/).filter((library) => library && !library.includes('faketime'));
  if (preload.length > 0) env.LD_PRELOAD = preload.join(':');
  else delete env.LD_PRELOAD;
  return env;
}

/** Headless Chromium with a fresh, empty profile (Playwright makes a new temporary user-data-dir per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, env: browserEnv() });
}

export const VIEWPORTS = {
  laptop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts', 'dashboard');

/** Saves a screenshot of the page (or one section of it) as a test artifact: test-artifacts/dashboard/<name>.png. */
export async function screenshot(page: Page, name: string, selector?: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, fullPage: true, animations: 'disabled' });
}

/** Opens the dashboard and pastes the key, as a person would; resolves once every section has finished loading. */
export async function openWithKey(page: Page, gatewayUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${gatewayUrl}/`);
  await page.getByLabel('API key', { exact: true }).fill(apiKey);
  await page.getByRole('button', { name: 'Open dashboard' }).click();
  await waitForSections(page);
}

export async function waitForSections(page: Page): Promise<void> {
  await page.locator('#dashboard').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('.slot[aria-busy="true"]').length === 0 && document.querySelectorAll('.slot:empty').length === 0);
}

/**
 * How high a colour reaches on a canvas: the topmost pixel of that colour as a share of the canvas height (0 = top),
 * or null when the colour is not drawn. Charts are pixels, so this is how a test sees where a line went.
 */
export function topOfColour(page: Page, selector: string, rgb: readonly [number, number, number]): Promise<number | null> {
  return page.locator(selector).evaluate((canvas, [red, green, blue]) => {
    const { width, height } = canvas as HTMLCanvasElement;
    const pixels = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 4;
        if (Math.abs(pixels[at]! - red) + Math.abs(pixels[at + 1]! - green) + Math.abs(pixels[at + 2]! - blue) < 12 && pixels[at + 3]! > 200) return y / height;
      }
    }
    return null;
  }, rgb);
}
