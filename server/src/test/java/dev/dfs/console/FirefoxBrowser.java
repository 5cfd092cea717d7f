package dev.dfs.console;

import dev.dfs.testing.DfsTestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's headless Firefox ESR driven without geckodriver: Firefox is started with Marionette on a
 * free port in a fresh temporary profile, and Selenium talks to it through a {@link
 * WebDriverBridge}. The page reaches the server through a {@link ThrottlingProxy} (Firefox has no
 * upload throttling that WebDriver can set); the dark scheme is a content preference set in
 * Marionette's chrome context. {@link #close()} ends the session, then the Firefox process and its
 * children by their process handles, and deletes the profile.
 */
final class FirefoxBrowser implements ConsoleBrowser {
  private static final List<Path> BINARIES =
      List.of(Path.of("/usr/bin/firefox-esr"), Path.of("/usr/bin/firefox"));
  private static final String COLOR_SCHEME = "layout.css.prefers-color-scheme.content-override";

  private final Path home;
  private final Path downloads;
  private final Process process;
  private final Marionette marionette;
  private final WebDriverBridge bridge;
  private final RemoteWebDriver driver;
  private ThrottlingProxy proxy;

  FirefoxBrowser(Path binary) throws Exception {
    home = Files.createTempDirectory("dfs-firefox");
    downloads = Files.createDirectories(home.resolve("downloads"));
    Path profile = Files.createDirectories(home.resolve("profile"));
    Files.writeString(profile.resolve("user.js"), prefs(downloads));
    // system access: Marionette's chrome context, where preferDark sets its preference
    process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--marionette",
                "-remote-allow-system-access",
                "-no-remote",
                "-profile",
                profile.toString())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("firefox.log").toFile())
            .start();
    try {
      marionette = new Marionette(port(profile.resolve("MarionetteActivePort")));
      bridge = new WebDriverBridge(marionette);
      driver =
          new RemoteWebDriver(
              bridge.uri().toURL(),
              new MutableCapabilities(
                  Map.of("browserName", "firefox", "pageLoadStrategy", "normal")));
      driver.manage().window().setSize(new Dimension(1280, 860));
    } catch (Exception | Error e) {
      stop();
      throw e;
    }
  }

  /** The first Firefox binary installed, if any. */
  static Optional<Path> installed() {
    return BINARIES.stream().filter(Files::isExecutable).findFirst();
  }

  private static String prefs(Path downloads) {
    StringBuilder js = new StringBuilder();
    Map<String, Object> prefs =
        Map.ofEntries(
            Map.entry("marionette.port", 0), // a free port, written to MarionetteActivePort
            Map.entry("browser.shell.checkDefaultBrowser", false),
            Map.entry("browser.startup.homepage_override.mstone", "ignore"),
            Map.entry("browser.aboutwelcome.enabled", false),
            Map.entry("datareporting.policy.dataSubmissionEnabled", false),
            Map.entry("datareporting.healthreport.uploadEnabled", false),
            Map.entry("toolkit.telemetry.reportingpolicy.firstRun", false),
            Map.entry("app.update.disabledForTesting", true),
            Map.entry("layout.css.devPixelsPerPx", "1.0"),
            // a small socket send buffer: upload progress counts the bytes the socket took, and a
            // paused upload must not have megabytes already out of the page's hands
            Map.entry("network.tcp.sendbuffer", 64 * 1024),
            Map.entry("browser.download.folderList", 2),
            Map.entry("browser.download.dir", downloads.toString()),
            Map.entry("browser.download.useDownloadDir", true),
            Map.entry("browser.download.start_downloads_in_tmp_dir", false),
            Map.entry("browser.download.always_ask_before_handling_new_types", false),
            Map.entry(
                "browser.helperApps.neverAsk.saveToDisk",
                "application/octet-stream,binary/octet-stream"));
    prefs.forEach(
        (k, v) ->
            js.append("user_pref(\"")
                .append(k)
                .append("\", ")
                .append(v instanceof String s ? "\"" + s.replace("\\", "\\\\") + "\"" : v)
                .append(");\n"));
    return js.toString();
  }

  /** Waits (30 s at most) for Firefox to write the port Marionette listens on. */
  private int port(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IOException("Firefox exited: " + log());
      if (Files.exists(file)) {
        String text = Files.readString(file).trim();
        if (!text.isEmpty()) return Integer.parseInt(text);
      }
      Thread.sleep(100);
    }
    throw new IOException("Firefox wrote no Marionette port within 30 s: " + log());
  }

  private String log() throws IOException {
    return Files.readString(home.resolve("firefox.log"));
  }

  @Override
  public RemoteWebDriver driver() {
    return driver;
  }

  @Override
  public URI base(URI server) {
    try {
      if (proxy == null) proxy = new ThrottlingProxy(server);
      return proxy.uri();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Path downloads() {
    return downloads;
  }

  @Override
  public void limitUploads(long bytesPerSecond) {
    proxy.limitUploads(bytesPerSecond);
  }

  @Override
  public void preferDark(boolean dark) throws IOException {
    marionette.call("Marionette:SetContext", Map.of("value", "chrome"));
    try {
      marionette.call(
          "WebDriver:ExecuteScript",
          Map.of(
              "args",
              List.of(COLOR_SCHEME, dark),
              "script",
              "const [name, dark] = arguments;"
                  + " if (dark) Services.prefs.setIntPref(name, 0); else Services.prefs.clearUserPref(name);"));
    } finally {
      marionette.call("Marionette:SetContext", Map.of("value", "content"));
    }
  }

  @Override
  public String screenshotPrefix() {
    return "firefox-";
  }

  @Override
  public void close() throws Exception {
    try {
      driver.quit();
    } finally {
      stop();
    }
  }

  private void stop() throws Exception {
    if (proxy != null) proxy.close();
    if (bridge != null) bridge.close();
    if (marionette != null) marionette.close();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS))
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    children.forEach(ProcessHandle::destroyForcibly);
    DfsTestServer.deleteTree(home);
  }
}
