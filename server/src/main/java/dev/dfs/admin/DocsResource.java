package dev.dfs.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /api/v1/openapi.json} (the OpenAPI 3 document, a resource of this jar) and the Swagger
 * UI at {@code GET /api/v1/docs} with its static files under {@code /api/v1/docs/{file}}, read from
 * the swagger-ui webjar on the class path. Nothing is fetched from the network: the page references
 * only these files, and the validator badge is off. Thread-safe.
 */
final class DocsResource {
  static final String OPENAPI_RESOURCE = "/dev/dfs/admin/openapi.json";
  private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
  private static final Map<String, String> TYPES =
      Map.of(
          "js",
          "application/javascript",
          "css",
          "text/css",
          "png",
          "image/png",
          "html",
          "text/html; charset=utf-8",
          "map",
          "application/json");

  private final byte[] openapi;
  private final String webjarVersion;

  DocsResource() {
    try (InputStream in = DocsResource.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      openapi = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json is missing from the jar", e);
    }
    Properties p = new Properties();
    try (InputStream in =
        DocsResource.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the swagger-ui webjar is missing from the class path", e);
    }
    webjarVersion = p.getProperty("version");
  }

  void openapi(AdminCall call) {
    call.send(200, "application/json", openapi);
  }

  void page(AdminCall call) {
    String html =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>DFS management API</title>
          <link rel="stylesheet" href="/api/v1/docs/swagger-ui.css">
          <link rel="icon" type="image/png" href="/api/v1/docs/favicon-32x32.png">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/api/v1/docs/swagger-ui-bundle.js"></script>
          <script src="/api/v1/docs/swagger-ui-standalone-preset.js"></script>
          <script src="/api/v1/docs/dfs-init.js"></script>
        </body>
        </html>
        """;
    call.send(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  void file(AdminCall call) throws IOException {
    String name = call.path("file");
    if (name.equals("dfs-init.js")) {
      String js =
          """
          window.onload = function () {
            window.ui = SwaggerUIBundle({
              url: "/api/v1/openapi.json",
              dom_id: "#swagger-ui",
              deepLinking: true,
              validatorUrl: null,
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              layout: "StandaloneLayout"
            });
          };
          """;
      call.send(200, "application/javascript", js.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!name.matches("[A-Za-z0-9._-]+") || name.contains("..")) {
      call.error(404, "NotFound", "No such documentation file.");
      return;
    }
    try (InputStream in =
        DocsResource.class.getResourceAsStream(WEBJAR + webjarVersion + "/" + name)) {
      if (in == null) {
        call.error(404, "NotFound", "No such documentation file: " + name);
        return;
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      call.response.getHeaders().put("Cache-Control", "public, max-age=86400");
      call.send(200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
    }
  }
}
