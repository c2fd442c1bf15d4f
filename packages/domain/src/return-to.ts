export const SIGN_IN_PATH = '/sign-in';

// URL is in every runtime this runs in (browsers and Node), but the domain compiles without DOM or Node types.
declare const URL: new (input: string, base: string) => { origin: string; pathname: string; search: string; hash: string };

/**
 * Where to go after signing in: a path of this site from `?returnTo=`, or `null`. Only a relative path that starts
 * with one `/` is taken (not `//host` or `/\host`, which browsers read as another site), never the sign-in page
 * itself, and only if it stays on this origin once resolved. The SPA and the API (after single sign-on) both ask it.
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > 2000 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  const base = 'https://tracker.invalid';
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  // `/.//host` resolves to the path `//host`, which a browser would again read as another site.
  if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return null;
  if (url.pathname === SIGN_IN_PATH || url.pathname.startsWith(`${SIGN_IN_PATH}/`)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
