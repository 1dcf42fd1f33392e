import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import express, { Router, type RequestHandler } from 'express';

// The page talks only to this gateway: no inline code, no other origin, not framed (clickjacking).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The dashboard has not been built</h1>
<p>This gateway serves the dashboard from <code>packages/dashboard/dist</code>, which does not exist yet.
Run <code>npm run build</code> (or <code>npm start</code>, which builds everything), then reload this page.</p>
<p>The API works without it: see <a href="/docs">/docs</a>.</p>
</body></html>`;

/**
 * `/dashboard/`: the dashboard's static files (built by Vite), and `/` redirecting there. Whether the build exists is
 * checked per request, so the gateway starts without it and serves it as soon as it is built.
 */
export function dashboardRoutes(staticDir: string | undefined): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, '/dashboard/'));
  router.use('/dashboard', securityHeaders);
  if (staticDir) {
    const assetsPrefix = `assets${sep}`;
    router.use(
      '/dashboard',
      express.static(staticDir, {
        index: 'index.html',
        setHeaders: (res, path) => {
          // Vite names assets by their content hash, so they never change; the page itself must be revalidated.
          res.setHeader('Cache-Control', relative(staticDir, path).startsWith(assetsPrefix) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
    );
  }
  router.get(['/dashboard', '/dashboard/'], (_req, res, next) => {
    if (staticDir && existsSync(join(staticDir, 'index.html'))) {
      next();
      return;
    }
    res.status(503).type('html').send(NOT_BUILT_PAGE);
  });
  return router;
}
