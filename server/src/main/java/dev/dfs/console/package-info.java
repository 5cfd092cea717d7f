/**
 * The web console at {@code /console/}: static ES modules and CSS of this jar plus the browser
 * libraries of two WebJars, served with a strict Content-Security-Policy. The page itself talks to
 * the S3 API and {@code /api/v1} with SigV4 signatures it computes in the browser; nothing here
 * sees a credential. Knows no store, auth or protocol class (an ArchUnit rule).
 */
package dev.dfs.console;
