package dev.dfs.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** {@link ConsoleBrowserTest}'s walk through the console in headless Chromium. */
class ConsoleChromiumTest extends ConsoleBrowserTest {
  @BeforeAll
  static void startChromium() throws Exception {
    assumeTrue(
        ChromiumBrowser.installed(),
        "Chromium browser tests skipped: install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver), as .ci/run does");
    walkThroughWith(new ChromiumBrowser());
  }
}
