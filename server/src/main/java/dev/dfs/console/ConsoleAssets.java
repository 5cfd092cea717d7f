package dev.dfs.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Every file the console serves, read once from the class path into memory at start-up: the
 * console's own modules and styles (under {@code /console/app/}) and the few library files it
 * imports (under {@code /console/lib/<name>/<version>/}). Only the names listed here exist, so no
 * part of a request path ever reaches a resource lookup. Immutable and thread-safe.
 */
final class ConsoleAssets {
  /** One file: its bytes, media type, and whether its URL names a fixed version. */
  record Asset(byte[] bytes, String contentType, boolean immutable) {}

  /** The console's own files, in {@code dev/dfs/console/} of this jar. */
  static final List<String> APP_FILES =
      List.of(
          "app.js",
          "html.js",
          "route.js",
          "api.js",
          "sigv4.js",
          "session.js",
          "s3xml.js",
          "upload.js",
          "uploads.js",
          "format.js",
          "signin.js",
          "buckets.js",
          "objects.js",
          "details.js",
          "share.js",
          "dialog.js",
          "settings.js",
          "admin.js",
          "lock.js",
          "preview.js",
          "tags.js",
          "xmledit.js",
          "lifecycle.js",
          "access.js",
          "bucketlock.js",
          "encryption.js",
          "uploadlink.js",
          "dropbox.js",
          "chart.js",
          "dashboard.js",
          "clipboard.js",
          "console.css");

  private static final Library PREACT =
      new Library(
          "preact",
          "org.webjars.npm",
          "preact",
          "/META-INF/resources/webjars/preact/",
          List.of("dist/preact.module.js", "hooks/dist/hooks.module.js"));
  private static final Library HTM =
      new Library(
          "htm",
          "org.mvnpm",
          "htm",
          "/META-INF/resources/_static/htm/",
          List.of("dist/htm.module.js"));

  /** A browser library from a WebJar: where its files lie and which of them we serve. */
  private record Library(
      String name, String group, String artifact, String root, List<String> files) {}

  private final Map<String, Asset> byPath;
  private final String preactVersion;
  private final String htmVersion;

  ConsoleAssets() {
    Map<String, Asset> m = new HashMap<>();
    for (String f : APP_FILES) {
      m.put("/console/app/" + f, new Asset(read("/dev/dfs/console/" + f), typeOf(f), false));
    }
    preactVersion = addLibrary(m, PREACT);
    htmVersion = addLibrary(m, HTM);
    byPath = Map.copyOf(m);
  }

  /** The asset at this request path, or null. */
  @Nullable Asset find(String path) {
    return byPath.get(path);
  }

  /** URL of Preact's core module. */
  String preactUrl() {
    return libraryUrl(PREACT, preactVersion) + "dist/preact.module.js";
  }

  /** URL of Preact's hooks module (it imports the bare specifier "preact"). */
  String preactHooksUrl() {
    return libraryUrl(PREACT, preactVersion) + "hooks/dist/hooks.module.js";
  }

  /** URL of htm's module. */
  String htmUrl() {
    return libraryUrl(HTM, htmVersion) + "dist/htm.module.js";
  }

  private static String libraryUrl(Library lib, String version) {
    return "/console/lib/" + lib.name() + "/" + version + "/";
  }

  private static String addLibrary(Map<String, Asset> m, Library lib) {
    String version = webjarVersion(lib);
    for (String f : lib.files()) {
      byte[] bytes = read(lib.root() + version + "/" + f);
      m.put(libraryUrl(lib, version) + f, new Asset(bytes, typeOf(f), true));
    }
    return version;
  }

  private static String webjarVersion(Library lib) {
    Properties p = new Properties();
    String where = "/META-INF/maven/" + lib.group() + "/" + lib.artifact() + "/pom.properties";
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(where)) {
      if (in == null)
        throw new IllegalStateException("the " + lib.artifact() + " WebJar is missing");
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("reading " + where + " failed", e);
    }
    return p.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("reading " + resource + " failed", e);
    }
  }

  private static String typeOf(String name) {
    if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
    if (name.endsWith(".css")) return "text/css; charset=utf-8";
    throw new IllegalArgumentException("no media type for " + name);
  }
}
