/**
 * The pasted API key lives in this tab's session storage only: it is gone when the tab closes, is never written to
 * local storage, a cookie or a URL, and is never logged.
 */
const STORAGE_KEY = 'finops.apiKey';

export function readSessionKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveSessionKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetSessionKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
