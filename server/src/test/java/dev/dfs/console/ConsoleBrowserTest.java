package dev.dfs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The console in headless Chromium (Debian's chromium and chromium-driver) against the
 * in-process server: every S3 call the page makes is signed in the browser, so the server
 * judges the page's SigV4 code on each step. One browser session walks through the steps in
 * order. Skipped, saying why, when chromium or chromedriver is not installed (CI installs both).
 * Screenshots go to target/console-screenshots, or to the directory named by the system
 * property {@code dfs.console.screenshots} (docs/console holds the committed ones).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final int BIG = 20 * 1024 * 1024;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static Path work;
  private static Path bigFile;
  private static List<String> alice; // access key id and secret created on the admin page

  @BeforeAll
  static void startBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver), as .ci/run does");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1280,860", "--force-device-scale-factor=1");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    work = Files.createTempDirectory("dfs-console-test");
    bigFile = work.resolve("big.bin");
    byte[] data = new byte[BIG];
    new Random(16).nextBytes(data);
    Files.write(bigFile, data);
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) browser.quit();
    if (work != null) DfsTestServer.deleteTree(work);
  }

  private static String base() {
    return DFS.server().endpoint().toString();
  }

  private static WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static void screenshot(String name) throws Exception {
    Path dir = Path.of(System.getProperty("dfs.console.screenshots", "target/console-screenshots"));
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static byte[] fetch(String url) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
    return r.body();
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  @Order(1)
  void theSignerMatchesTheAwsTestVectors() {
    browser.get(base() + "/console/");
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/console/app/sigv4.js').then(async (s) => {
          const date = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));
          const common = { headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
            payloadHash: s.EMPTY_SHA256, secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
            region: 'us-east-1', service: 'service', date };
          const vanilla = await s.signature({ ...common, method: 'GET', path: '/', query: [] });
          const ordered = await s.signature({ ...common, method: 'GET', path: '/',
            query: [['Param2', 'value2'], ['Param1', 'value1']] });
          const presigned = await s.presignQuery({ method: 'GET', path: '/test.txt',
            host: 'examplebucket.s3.amazonaws.com', accessKey: 'AKIAIOSFODNN7EXAMPLE',
            secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', expires: 86400,
            date: new Date(Date.UTC(2013, 4, 24)) });
          done({ vanilla: vanilla.signature, ordered: ordered.signature, presigned });
        }).catch((e) => done({ error: String(e) }));
        """);
    assertThat(out.get("vanilla")).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    assertThat(out.get("ordered")).isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    // the presigned-URL example of the S3 documentation ("Authenticating Requests: Using Query Parameters")
    assertThat((String) out.get("presigned"))
        .contains("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  }

  @Test
  @Order(2)
  void theRootSendsBrowsersToTheConsoleAndAWrongSecretShowsTheServersMessage() throws Exception {
    browser.get(base() + "/");
    assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/console/");
    find("#access-key").sendKeys(DfsTestServer.ACCESS_KEY);
    find("#secret-key").sendKeys("not-the-secret");
    screenshot("sign-in");
    find("#sign-in button[type=submit]").click();
    assertThat(find("#error").getText()).contains("SignatureDoesNotMatch");
  }

  private static void signInAsRoot() {
    find("#access-key").sendKeys(DfsTestServer.ACCESS_KEY);
    find("#secret-key").sendKeys(DfsTestServer.SECRET_KEY);
    find("#sign-in button[type=submit]").click();
    assertThat(find("#who").getText()).isEqualTo(DfsTestServer.ACCESS_KEY);
  }

  @Test
  @Order(3)
  void aSessionIdleForMoreThanTwelveHoursIsOver() {
    browser.navigate().refresh();
    signInAsRoot();
    js("sessionStorage.setItem('dfs.session.lastUsed', String(Date.now() - 12 * 3600 * 1000 - 1000))");
    browser.navigate().refresh();
    find("#sign-in");
    assertThat((String) js("return JSON.stringify(sessionStorage)")).isEqualTo("{}");
  }

  @Test
  @Order(4)
  void signingInKeepsTheSecretOnlySealed() {
    signInAsRoot();
    browser.navigate().refresh(); // the session survives a reload
    assertThat(find("#who").getText()).isEqualTo(DfsTestServer.ACCESS_KEY);
    String storage = (String) js("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)");
    assertThat(storage).doesNotContain(DfsTestServer.SECRET_KEY).contains("dfs.session");
    assertThat(browser.getCurrentUrl()).doesNotContain(DfsTestServer.SECRET_KEY);
  }

  @Test
  @Order(5)
  void aBadBucketNameShowsTheS3ErrorAndAGoodOneIsCreatedVersioned() throws Exception {
    find("#bucket-name").sendKeys("Bad_Name");
    find("#create-bucket button[type=submit]").click();
    assertThat(find("#error").getText()).contains("InvalidBucketName").contains("not valid");
    WebElement name = find("#bucket-name");
    name.clear();
    name.sendKeys("photos");
    find("#bucket-versioning").click();
    find("#create-bucket button[type=submit]").click();
    find("#buckets a[data-bucket='photos']");
    assertThat(DFS.client().getBucketVersioning(b -> b.bucket("photos")).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    screenshot("buckets");
  }

  @Test
  @Order(6)
  void aTwentyMebibyteUploadMovesItsProgressBarAndLandsInAFolder() throws Exception {
    find("#buckets a[data-bucket='photos']").click();
    find("#new-folder").click();
    find("#folder-name").sendKeys("docs");
    find("#folder-form button[type=submit]").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("crumbs"), "docs"));
    // slow the browser's uploads down so the bar has time to move visibly
    ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
    slow.setUploadThroughput(20 * 1024 * 1024);
    slow.setDownloadThroughput(200 * 1024 * 1024);
    slow.setLatency(Duration.ofMillis(5));
    browser.setNetworkConditions(slow);
    try {
      browser.findElement(By.id("file-input")).sendKeys(bigFile.toString());
      TreeSet<Long> seen = new TreeSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        @SuppressWarnings("unchecked")
        List<Object> bar = (List<Object>) js("""
            const p = document.getElementById('upload-overall');
            const li = document.querySelector('.upload');
            return p ? [p.value, p.max, li.dataset.state] : [0, 1, 'none'];""");
        seen.add(((Number) bar.get(0)).longValue());
        if (!"uploading".equals(bar.get(2)) && !"none".equals(bar.get(2))) {
          assertThat(bar.get(2)).isEqualTo("done");
          break;
        }
      }
      assertThat(seen.subSet(1L, (long) BIG)).as("progress values between 0 and the size").isNotEmpty();
    } finally {
      browser.deleteNetworkConditions();
    }
    find("#objects a[data-key='docs/big.bin']");
    screenshot("objects");
  }

  @Test
  @Order(7)
  void aFileDroppedOnTheFolderIsUploadedIntoIt() {
    js("""
        const dt = new DataTransfer();
        dt.items.add(new File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }));
        document.querySelector('section.objects').dispatchEvent(
          new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));""");
    find("#objects a[data-key='docs/dropped.txt']");
    assertThat(DFS.client().getObjectAsBytes(b -> b.bucket("photos").key("docs/dropped.txt"))
        .asUtf8String()).isEqualTo("dropped bytes");
  }

  @Test
  @Order(8)
  void theDownloadLinkAndASharedLinkGiveTheBytesBack() throws Exception {
    find("#objects a[data-key='docs/big.bin']").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("properties"), "20971520 bytes"));
    String expected = sha256(Files.readAllBytes(bigFile));
    String download = wait.until(d -> d.findElement(By.id("download")).getAttribute("href"));
    assertThat(download).contains("X-Amz-Signature=").doesNotContain(DfsTestServer.SECRET_KEY);
    assertThat(sha256(fetch(download))).isEqualTo(expected);

    new org.openqa.selenium.support.ui.Select(find("#share-expiry")).selectByVisibleText("1 day");
    find("#share-create").click();
    String shared = find("#share-link").getAttribute("value");
    assertThat(shared).contains("X-Amz-Expires=86400");
    assertThat(sha256(fetch(shared))).isEqualTo(expected);
  }

  @Test
  @Order(9)
  void tagsAreEditedOnThePage() throws Exception {
    find("#tag-add").click();
    find("#tags .tag-key").sendKeys("project");
    find("#tags .tag-value").sendKeys("apollo");
    find("#tag-save").click();
    find("#tags-saved");
    assertThat(DFS.client().getObjectTagging(b -> b.bucket("photos").key("docs/big.bin")).tagSet())
        .containsExactly(Tag.builder().key("project").value("apollo").build());
    screenshot("details");
  }

  @Test
  @Order(10)
  void anOldVersionIsRestored() {
    DFS.client().putObject(b -> b.bucket("photos").key("docs/note.txt"), RequestBody.fromString("first"));
    DFS.client().putObject(b -> b.bucket("photos").key("docs/note.txt"), RequestBody.fromString("second"));
    find("#back-to-folder").click();
    find("#objects a[data-key='docs/note.txt']").click();
    wait.until(d -> d.findElements(By.cssSelector("#versions tr.version")).size() == 2);
    find("#versions button.restore").click();
    wait.until(d -> d.findElements(By.cssSelector("#versions tr.version")).size() == 3);
    assertThat(DFS.client().getObjectAsBytes(b -> b.bucket("photos").key("docs/note.txt")).asUtf8String())
        .isEqualTo("first");
  }

  @Test
  @Order(11)
  void aPolicyIsSetFromATemplateAndAMalformedOneShowsTheServersMessage() throws Exception {
    browser.get(base() + "/console/#/s/photos");
    wait.until(ExpectedConditions.textToBe(By.id("versioning-status"), "Enabled"));
    WebElement text = find("#policy-text");
    text.sendKeys("{ not json");
    find("#policy-save").click();
    assertThat(find("#error").getText()).contains("MalformedPolicy");
    new org.openqa.selenium.support.ui.Select(find("#policy-template"))
        .selectByVisibleText("Public read of a prefix");
    find("#policy-save").click();
    find("#policy-saved");
    assertThat(DFS.client().getBucketPolicy(b -> b.bucket("photos")).policy())
        .contains("PublicReadPrefix", "arn:aws:s3:::photos/public/*");
    screenshot("settings");
  }

  @Test
  @Order(12)
  void rootCreatesAUserAndAKeyWhoseSecretIsShownOnce() throws Exception {
    find("#nav-admin").click();
    find("#user-name").sendKeys("alice");
    find("#create-user button[type=submit]").click();
    find("#users tr[data-user='alice'] button.new-key").click();
    String secret = find("#new-secret-text").getAttribute("value");
    assertThat(secret).contains("AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=");
    alice = secret.lines().map(l -> l.substring(l.indexOf('=') + 1)).toList();
    screenshot("users");
  }

  /**
   * A measurement, not a check (no timing is asserted): with {@code -Ddfs.console.keys=N}, fills
   * a bucket with N empty keys through the store API and prints how long the console takes from
   * opening that bucket's URL (a full page load: modules, session, listing) to showing its
   * first page of 100 keys, and the same for the S3 call alone through the SDK.
   */
  @Test
  @Order(13)
  void timeToFirstPageOfABigBucket() throws Exception {
    String wanted = System.getProperty("dfs.console.keys");
    assumeTrue(wanted != null, "set -Ddfs.console.keys=N to measure a bucket of N keys");
    int keys = Integer.parseInt(wanted);
    DFS.client().createBucket(b -> b.bucket("many"));
    long fillStart = System.nanoTime();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        int first = t;
        pool.submit(() -> {
          for (int i = first; i < keys; i += 8) {
            DFS.server().engine().putObject(dev.dfs.store.PutObjectRequest.simple("many",
                String.format("k/%08d", i), 0), java.io.InputStream.nullInputStream());
          }
          return null;
        });
      }
    }
    long filled = System.nanoTime();
    for (int run = 0; run < 3; run++) {
      browser.get("about:blank"); // each run is a full page load, not a hash change
      long start = System.nanoTime();
      browser.get(base() + "/console/#/b/many/k%2F");
      while (((Number) js("return document.querySelectorAll('#objects a[data-key]').length"))
          .intValue() < 100) {
        Thread.sleep(2);
      }
      System.out.printf("console first page of %d keys: %d ms (run %d; filling took %d s)%n", keys,
          (System.nanoTime() - start) / 1_000_000, run + 1, (filled - fillStart) / 1_000_000_000);
    }
    for (int run = 0; run < 3; run++) {
      long start = System.nanoTime();
      DFS.client().listObjectsV2(b -> b.bucket("many").prefix("k/").delimiter("/").maxKeys(100));
      System.out.printf("SDK ListObjectsV2 first page of %d keys: %d ms (run %d)%n", keys,
          (System.nanoTime() - start) / 1_000_000, run + 1);
    }
    find("#next-page").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-number"), "Page 2"));
    find("#objects a[data-key='k/00000100']");
  }

  @Test
  @Order(14)
  void signingOutForgetsEverything() {
    find("#sign-out").click();
    find("#sign-in");
    assertThat((String) js("return JSON.stringify(sessionStorage)")).isEqualTo("{}");
    browser.navigate().refresh();
    find("#sign-in");
  }

  @Test
  @Order(15)
  void aUserSeesOnlyTheirOwnBucketsAndNoAdminPages() {
    find("#access-key").sendKeys(alice.get(0));
    find("#secret-key").sendKeys(alice.get(1));
    find("#sign-in button[type=submit]").click();
    assertThat(find("#who").getText()).isEqualTo(alice.get(0));
    find("#bucket-name").sendKeys("alice-bucket");
    find("#create-bucket button[type=submit]").click();
    find("#buckets a[data-bucket='alice-bucket']");
    assertThat(browser.findElements(By.cssSelector("#buckets a[data-bucket]")))
        .extracting(WebElement::getText).containsExactly("alice-bucket");
    assertThat(browser.findElements(By.id("nav-admin"))).isEmpty();
  }
}
