package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.cli.Main;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  /** Parses {@code args} like the real command line and resolves the configuration. */
  static BenchConfig config(String... args) {
    BenchCommand cmd = new BenchCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.toConfig("AKID", "SECRET");
  }

  @Test
  void defaults() {
    BenchConfig c = config();
    assertThat(c.endpoint().toString()).isEqualTo("http://127.0.0.1:5555");
    assertThat(c.accessKey()).isEqualTo("AKID");
    assertThat(c.secretKey()).isEqualTo("SECRET");
    assertThat(c.region()).isEqualTo("us-east-1");
    assertThat(c.bucket()).isEqualTo("dfs-bench");
    assertThat(c.mode()).isEqualTo(Mode.PUT);
    assertThat(c.sizes()).isEqualTo(SizeRange.fixed(4096));
    assertThat(c.concurrency()).isEqualTo(16);
    assertThat(c.prefillConcurrency()).isEqualTo(16);
    assertThat(config("-c", "1").prefillConcurrency()).isEqualTo(16);
    assertThat(config("-c", "100").prefillConcurrency()).isEqualTo(100);
    assertThat(c.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.count()).isNull();
    assertThat(c.keys()).isNull(); // put writes fresh keys
    assertThat(c.listPage()).isEqualTo(1000);
    assertThat(c.partSize()).isEqualTo(16L << 20);
    assertThat(c.warmup()).isEqualTo(Duration.ZERO);
    assertThat(c.cleanup()).isTrue();
    assertThat(c.skipPrefill()).isFalse();
    assertThat(c.pathStyle()).isTrue();
    assertThat(c.retries()).isZero();
    assertThat(c.checksums()).isEqualTo(BenchConfig.Checksums.WHEN_SUPPORTED);
    assertThat(c.layout()).isEqualTo(new KeyLayout("bench", 1, 1));
    assertThat(c.listPrefix()).isEqualTo("bench/");
    assertThat(c.json()).isNull();
  }

  @Test
  void everyOptionReachesTheConfig() {
    BenchConfig c =
        config(
            "--endpoint",
            "https://s3.example.com",
            "--access-key",
            "a",
            "--secret-key",
            "s",
            "--region",
            "eu-west-1",
            "--bucket",
            "b",
            "--virtual-hosted",
            "--mode",
            "MIXED",
            "--mix",
            "get=1,put=1",
            "--size",
            "1KiB-2KiB",
            "-c",
            "32",
            "--prefill-concurrency",
            "64",
            "-d",
            "1m",
            "-n",
            "500",
            "--warmup",
            "5s",
            "--keys",
            "77",
            "--key-prefix",
            "x/y",
            "--prefixes",
            "10",
            "--prefix-depth",
            "2",
            "--list-prefix",
            "x/",
            "--list-delimiter",
            "/",
            "--list-page",
            "100",
            "--part-size",
            "5MiB",
            "--checksums",
            "when-required",
            "--retries",
            "2",
            "--timeout",
            "30s",
            "--verify",
            "--skip-prefill",
            "--no-cleanup",
            "--seed",
            "9",
            "--json",
            "out.json",
            "--progress",
            "plain");
    assertThat(c.endpoint().getHost()).isEqualTo("s3.example.com");
    assertThat(c.accessKey()).isEqualTo("a");
    assertThat(c.secretKey()).isEqualTo("s");
    assertThat(c.region()).isEqualTo("eu-west-1");
    assertThat(c.bucket()).isEqualTo("b");
    assertThat(c.pathStyle()).isFalse();
    assertThat(c.mode()).isEqualTo(Mode.MIXED);
    assertThat(c.mix().toString()).isEqualTo("put=1,get=1");
    assertThat(c.sizes()).isEqualTo(new SizeRange(1024, 2048));
    assertThat(c.concurrency()).isEqualTo(32);
    assertThat(c.prefillConcurrency()).isEqualTo(64);
    assertThat(c.duration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.count()).isEqualTo(500);
    assertThat(c.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.keys()).isEqualTo(77);
    assertThat(c.layout()).isEqualTo(new KeyLayout("x/y", 10, 2));
    assertThat(c.listPrefix()).isEqualTo("x/");
    assertThat(c.listDelimiter()).isEqualTo("/");
    assertThat(c.listPage()).isEqualTo(100);
    assertThat(c.partSize()).isEqualTo(5L << 20);
    assertThat(c.checksums()).isEqualTo(BenchConfig.Checksums.WHEN_REQUIRED);
    assertThat(c.retries()).isEqualTo(2);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.verify()).isTrue();
    assertThat(c.skipPrefill()).isTrue();
    assertThat(c.cleanup()).isFalse();
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.json().toString()).isEqualTo("out.json");
  }

  @Test
  void modeDefaults() {
    assertThat(config("--mode", "get").keys()).isEqualTo(1000);
    assertThat(config("--mode", "get", "--size", "16MiB").keys()).isEqualTo(64);
    assertThat(config("--mode", "get", "--size", "1GiB").keys()).isEqualTo(1);
    assertThat(config("--mode", "get", "--size", "4GiB").keys()).isEqualTo(1);
    assertThat(config("--mode", "list", "--size", "0").keys()).isEqualTo(1000);
    assertThat(config("--mode", "mixed").mix().toString())
        .isEqualTo("put=20,get=70,stat=5,delete=5");
    BenchConfig delete = config("--mode", "delete", "--keys", "500");
    assertThat(delete.duration()).isNull();
    assertThat(delete.count()).isNull();
    BenchConfig counted = config("--count", "10");
    assertThat(counted.duration()).isNull();
    assertThat(counted.count()).isEqualTo(10);
    assertThat(config("--mode", "multipart").keys()).isNull();
  }

  @Test
  void rejectsInconsistentOptions() {
    assertThatThrownBy(() -> config("--mix", "get=1")).hasMessageContaining("--mix");
    assertThatThrownBy(() -> config("--mode", "delete", "--warmup", "2s"))
        .hasMessageContaining("--warmup");
    assertThatThrownBy(() -> config("--size", "lots")).hasMessageContaining("invalid size");
    assertThatThrownBy(() -> config("-c", "0")).hasMessageContaining("--concurrency");
    assertThatThrownBy(() -> config("--mode", "multipart", "--size", "1TiB", "--part-size", "5MiB"))
        .hasMessageContaining("parts");
    assertThatThrownBy(() -> config("--mode", "multipart", "--keys", "5"))
        .hasMessageContaining("--keys");
    assertThatThrownBy(() -> config("--mode", "put", "--skip-prefill"))
        .hasMessageContaining("--skip-prefill");
    assertThatThrownBy(() -> config("--endpoint", "localhost:5555"))
        .hasMessageContaining("--endpoint");
    assertThatThrownBy(() -> config("--mode", "mixed", "--mix", "get=1,delete=1"))
        .hasMessageContaining("never puts");
    assertThatThrownBy(() -> new CommandLine(new BenchCommand()).parseArgs("--mode", "copy"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("put, get, mixed");
  }

  @Test
  void credentialsComeFromOptionsOrEnvironment() {
    BenchCommand cmd = new BenchCommand();
    new CommandLine(cmd).parseArgs();
    assertThatThrownBy(() -> cmd.toConfig(null, null)).hasMessageContaining("AWS_ACCESS_KEY_ID");
    assertThat(cmd.toConfig("env-ak", "env-sk").accessKey()).isEqualTo("env-ak");
  }

  @Test
  void describeLeavesTheSecretOut() {
    BenchConfig c = config("--mode", "list", "--list-delimiter", "/");
    assertThat(c.describe()).doesNotContainKey("secretKey").doesNotContainValue("SECRET");
    assertThat(c.describe()).containsEntry("mode", "list").containsEntry("listDelimiter", "/");
    assertThat(c.headline())
        .contains("list", "delimiter '/'", "127.0.0.1:5555")
        .doesNotContain("SECRET");
  }

  @Test
  void isASubcommandOfDfsWithReadableHelp() {
    CommandLine dfs = Main.commandLine();
    assertThat(dfs.getSubcommands()).containsKey("bench");
    CommandLine bench = dfs.getSubcommands().get("bench");
    assertThat(bench.getSubcommands()).containsKey("compare");
    String help = bench.getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(help)
        .contains(
            "Usage: dfs bench",
            "--mode",
            "--mix",
            "--size",
            "--concurrency",
            "--duration",
            "--count",
            "--keys",
            "--prefixes",
            "--list-delimiter",
            "--list-page",
            "--part-size",
            "--warmup",
            "--json",
            "--no-cleanup",
            "compare",
            "Examples:");
    assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(bench.getSubcommands().get("compare").getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("A.json", "B.json");
  }
}
