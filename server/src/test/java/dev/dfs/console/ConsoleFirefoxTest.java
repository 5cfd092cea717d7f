package dev.dfs.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ConsoleBrowserTest}'s walk through the console in headless Firefox (Debian's firefox-esr),
 * driven through its Marionette protocol (see {@link FirefoxBrowser}).
 */
class ConsoleFirefoxTest extends ConsoleBrowserTest {
  @BeforeAll
  static void startFirefox() throws Exception {
    var binary = FirefoxBrowser.installed();
    assumeTrue(
        binary.isPresent(),
        "Firefox browser tests skipped: install Debian's firefox-esr"
            + " (apt-get install firefox-esr), as .ci/run does");
    walkThroughWith(new FirefoxBrowser(binary.get()));
  }
}
