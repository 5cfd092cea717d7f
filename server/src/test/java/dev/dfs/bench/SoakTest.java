package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pure parts of {@code dfs bench --mode soak}: options, RSS parsing and statistics. */
class SoakTest {

  @Test
  void soakDefaultsToAnHourOfMixedSizesWithMultipartAndMetricsSampling() {
    BenchConfig c = BenchCommandTest.config("--mode", "soak");
    assertThat(c.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(c.sizes()).isEqualTo(SizeRange.parse("1KiB-1MiB"));
    assertThat(c.partSize()).isEqualTo(5L << 20);
    assertThat(c.mix().weight(Op.MULTIPART)).isPositive();
    assertThat(c.mix().ops()).contains(Op.GET, Op.PUT, Op.STAT, Op.DELETE, Op.LIST, Op.MULTIPART);
    assertThat(c.keys()).isNotNull();
    assertThat(c.soak().rssPid()).isNull();
    assertThat(c.soak().rssInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.describe()).containsEntry("rssSource", "/metrics").containsEntry("mode", "soak");
  }

  @Test
  void soakOptions() {
    BenchConfig c =
        BenchCommandTest.config(
            "--mode",
            "soak",
            "-d",
            "5m",
            "--rss-pid",
            "1234",
            "--rss-interval",
            "2s",
            "--mix",
            "put=1,multipart=1",
            "--size",
            "4KiB");
    assertThat(c.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.soak().rssPid()).isEqualTo(1234L);
    assertThat(c.soak().rssInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.mix().fraction(Op.MULTIPART)).isEqualTo(0.5);
    assertThat(c.describe()).containsEntry("rssSource", "pid 1234");
  }

  @Test
  void rssOptionsAndMultipartInTheMixBelongToSoakOnly() {
    assertThatThrownBy(() -> BenchCommandTest.config("--mode", "put", "--rss-pid", "1"))
        .hasMessageContaining("--mode soak");
    assertThatThrownBy(
            () -> BenchCommandTest.config("--mode", "mixed", "--mix", "put=1,multipart=1"))
        .hasMessageContaining("operation must be one of");
    assertThatThrownBy(() -> BenchCommandTest.config("--mode", "soak", "--rss-interval", "0s"))
        .hasMessageContaining("--rss-interval");
  }

  @Test
  void readsResidentMemoryFromPrometheusText() throws IOException {
    String text =
        """
        # HELP process_resident_memory_bytes Resident memory size in bytes.
        # TYPE process_resident_memory_bytes gauge
        process_resident_memory_bytes_other 5
        process_resident_memory_bytes 3.37256448E8
        process_virtual_memory_bytes 1.0E10
        """;
    assertThat(RssProbe.parseMetrics(text)).isEqualTo(337_256_448L);
    assertThatThrownBy(() -> RssProbe.parseMetrics("jvm_threads_live 3\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("process_resident_memory_bytes");
  }

  @Test
  void readsVmRssFromProcStatus() throws IOException {
    String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n";
    assertThat(RssProbe.parseProcStatus(status)).isEqualTo(123_456L * 1024);
    assertThatThrownBy(() -> RssProbe.parseProcStatus("Name:\tkthreadd\n"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void summaryHasExtremesMedianAndTrend() {
    List<RssSummary.Sample> s =
        List.of(
            new RssSummary.Sample(0, 100), new RssSummary.Sample(1800, 300),
            new RssSummary.Sample(3600, 200), new RssSummary.Sample(5400, 400));
    RssSummary r = RssSummary.of("test", s, 2);
    assertThat(r.minBytes()).isEqualTo(100);
    assertThat(r.maxBytes()).isEqualTo(400);
    assertThat(r.medianBytes()).isEqualTo(250);
    assertThat(r.firstBytes()).isEqualTo(100);
    assertThat(r.lastBytes()).isEqualTo(400);
    assertThat(r.failedSamples()).isEqualTo(2);
    // least squares through (0,100) (0.5,300) (1,200) (1.5,400) in hours: slope 160 per hour
    assertThat(r.trendBytesPerHour()).isCloseTo(160.0, org.assertj.core.data.Offset.offset(1e-9));
    // second half: (1,200) (1.5,400): 400 per hour
    assertThat(r.secondHalfTrendBytesPerHour())
        .isCloseTo(400.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(RssSummary.of("test", List.of(new RssSummary.Sample(0, 7)), 0).trendBytesPerHour())
        .isZero();
    assertThat(RssSummary.of("test", List.of(), 3)).isNull();
    assertThat(r.describe()).contains("min 0.0 MiB").contains("2 unreadable").contains("trend");
  }

  @Test
  void samplerKeepsGoingWhenAReadingFailsAndSummarisesAtStop() throws Exception {
    AtomicLong calls = new AtomicLong();
    RssProbe probe =
        new RssProbe() {
          @Override
          public long residentBytes() throws IOException {
            long n = calls.incrementAndGet();
            if (n == 2) throw new IOException("scrape timed out");
            return n << 20;
          }

          @Override
          public String source() {
            return "fake";
          }
        };
    RssSampler sampler = new RssSampler(probe, Duration.ofMillis(1));
    sampler.start();
    while (calls.get() < 5) Thread.onSpinWait();
    RssSummary r = sampler.stop();
    assertThat(r.failedSamples()).isEqualTo(1);
    assertThat(r.samples()).isEqualTo(calls.get() - 1);
    assertThat(r.minBytes()).isEqualTo(1L << 20);
    assertThat(r.source()).isEqualTo("fake");
  }
}
