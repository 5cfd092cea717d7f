package dev.dfs.console;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.remote.RemoteWebDriver;

/** Debian's headless chromium through its chromedriver; DevTools does throttling and media. */
final class ChromiumBrowser implements ConsoleBrowser {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path downloads;

  ChromiumBrowser() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,860",
        "--force-device-scale-factor=1");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    downloads = Files.createTempDirectory("dfs-chromium-downloads");
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
  }

  /** Whether Debian's chromium and chromium-driver are installed. */
  static boolean installed() {
    return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
  }

  @Override
  public RemoteWebDriver driver() {
    return driver;
  }

  @Override
  public URI base(URI server) {
    return server;
  }

  @Override
  public Path downloads() {
    return downloads;
  }

  @Override
  public void limitUploads(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      driver.deleteNetworkConditions();
      return;
    }
    ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
    slow.setUploadThroughput((int) bytesPerSecond);
    slow.setDownloadThroughput(200 * 1024 * 1024);
    slow.setLatency(Duration.ofMillis(5));
    driver.setNetworkConditions(slow);
  }

  @Override
  public void preferDark(boolean dark) {
    List<Map<String, String>> features =
        dark ? List.of(Map.of("name", "prefers-color-scheme", "value", "dark")) : List.of();
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", features));
  }

  @Override
  public String screenshotPrefix() {
    return "";
  }

  @Override
  public void close() throws Exception {
    try {
      driver.quit();
    } finally {
      dev.dfs.testing.DfsTestServer.deleteTree(downloads);
    }
  }
}
