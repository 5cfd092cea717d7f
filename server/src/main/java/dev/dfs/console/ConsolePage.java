package dev.dfs.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The console's one HTML page and the Content-Security-Policy that goes with it. The page holds no
 * script of its own but an import map (which names the library modules by their versioned URLs);
 * the policy allows exactly that map by its SHA-256 hash, module scripts from this origin, and
 * nothing from any other origin. Previews load from this origin only: images, audio and video from
 * presigned URLs, PDFs in a frame ({@code frame-src 'self'}); plugins ({@code object-src}) never.
 * Immutable and thread-safe.
 */
final class ConsolePage {
  private final byte[] html;
  private final String policy;

  /**
   * @param assets where the library modules are served
   * @param region the region the browser signs requests for (the server's DFS region)
   */
  ConsolePage(ConsoleAssets assets, String region) {
    String importMap =
        "{\"imports\":{\"preact\":\""
            + assets.preactUrl()
            + "\",\"preact/hooks\":\""
            + assets.preactHooksUrl()
            + "\",\"htm\":\""
            + assets.htmUrl()
            + "\"}}";
    String page =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="dfs-region" content="%s">
        <title>DFS console</title>
        <link rel="stylesheet" href="/console/app/console.css">
        <script type="importmap">%s</script>
        <script type="module" src="/console/app/app.js"></script>
        </head>
        <body>
        <noscript>The DFS console needs JavaScript.</noscript>
        <div id="app"></div>
        </body>
        </html>
        """
            .formatted(attribute(region), importMap);
    this.html = page.getBytes(StandardCharsets.UTF_8);
    this.policy =
        "default-src 'none'; script-src 'self' '"
            + sha256(importMap)
            + "'; "
            + "style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; "
            + "frame-src 'self'; object-src 'none'; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";
  }

  /** The page's bytes (UTF-8 HTML). */
  byte[] html() {
    return html.clone();
  }

  /** The Content-Security-Policy header value for the console's responses. */
  String policy() {
    return policy;
  }

  private static String attribute(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static String sha256(String script) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
