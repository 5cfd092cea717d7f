package dev.dfs.console;

import java.net.URI;
import java.nio.file.Path;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * One headless browser driving the console in {@link ConsoleBrowserTest}: Selenium's driver for the
 * steps every browser takes alike, and the few things each browser does its own way. Closing it
 * ends the browser's processes and deletes its temporary files.
 */
interface ConsoleBrowser extends AutoCloseable {
  /** The WebDriver session. */
  RemoteWebDriver driver();

  /** The base URI through which this browser reaches the server at {@code server}. */
  URI base(URI server);

  /** Where the browser saves downloads, without asking. */
  Path downloads();

  /**
   * Slows the browser's uploads down to about this many bytes per second, so that progress is seen
   * moving; 0 lifts the limit.
   */
  void limitUploads(long bytesPerSecond) throws Exception;

  /** Makes pages see {@code prefers-color-scheme: dark}, or the default again. */
  void preferDark(boolean dark) throws Exception;

  /** A prefix for screenshot file names ("" for the reference browser). */
  String screenshotPrefix();

  @Override
  void close() throws Exception;
}
