package dev.dfs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.server.config.ConfigKey;
import dev.dfs.server.config.ConfigKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dfs server}'s options come from {@link ConfigKeys}: every setting, once. */
class ServerOptionsTest {

  private static CommandSpec serverSpec(CommandLine cli) {
    return cli.getSubcommands().get("server").getCommandSpec();
  }

  @Test
  void helpListsEverySettingWithItsDefaultAndDescription() {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.getSubcommands().get("server").usage(new PrintWriter(out, true), CommandLine.Help.Ansi.OFF);
    String help = out.toString().replaceAll("\\s+", ""); // picocli wraps lines anywhere
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(help)
          .as(key.name())
          .contains(key.name())
          .contains(key.description().replaceAll("\\s+", ""));
      if (key.defaultValue() != null && !key.defaultValue().isEmpty()) {
        assertThat(help).as(key.name()).contains("default" + key.defaultValue());
      }
      if (key.flag() != null) assertThat(help).as(key.name()).contains(key.flag());
    }
  }

  @Test
  void everyFlagOfTheKeysIsAnOptionAndTheOldNamesStillParse() {
    CommandSpec spec = serverSpec(Main.commandLine());
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (key.flag() != null) assertThat(spec.findOption(key.flag())).as(key.flag()).isNotNull();
    }
    CommandLine cli = Main.commandLine();
    cli.parseArgs(
        "server",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        "d",
        "--storage-env",
        "local",
        "--auth",
        "none",
        "--domain",
        "s3.test",
        "--region",
        "eu-west-1",
        "--tls-cert",
        "c.pem",
        "--tls-key",
        "k.pem",
        "--tls-port",
        "0",
        "--http",
        "false",
        "--lifecycle-day-seconds",
        "5");
    Map<String, String> given = SettingOptions.given(serverSpec(cli));
    assertThat(given)
        .containsEntry("API_HOST", "127.0.0.1")
        .containsEntry("API_PORT", "0")
        .containsEntry("DFS_DATA_DIR", "d")
        .containsEntry("STORAGE_ENV", "local")
        .containsEntry("DFS_AUTH", "none")
        .containsEntry("DFS_DOMAIN", "s3.test")
        .containsEntry("DFS_REGION", "eu-west-1")
        .containsEntry("DFS_TLS_CERT", "c.pem")
        .containsEntry("DFS_TLS_KEY", "k.pem")
        .containsEntry("DFS_TLS_PORT", "0")
        .containsEntry("DFS_HTTP", "false")
        .containsEntry("DFS_LIFECYCLE_DAY_SECONDS", "5")
        .hasSize(12);
  }

  @Test
  void theClusterFlagsOfTheReadmeParse() {
    CommandLine cli = Main.commandLine();
    cli.parseArgs(
        "server",
        "--storage-env",
        "cluster",
        "--node-id",
        "n1",
        "--cluster-address",
        "127.0.0.1:7000",
        "--cluster-seeds",
        "n1=127.0.0.1:7000",
        "--zone",
        "z1",
        "--replication-factor",
        "1");
    assertThat(SettingOptions.given(serverSpec(cli)))
        .isEqualTo(
            Map.of(
                "STORAGE_ENV",
                "cluster",
                "DFS_NODE_ID",
                "n1",
                "DFS_CLUSTER_ADDRESS",
                "127.0.0.1:7000",
                "DFS_CLUSTER_SEEDS",
                "n1=127.0.0.1:7000",
                "DFS_ZONE",
                "z1",
                "DFS_REPLICATION_FACTOR",
                "1"));
  }

  @Test
  void helpPrintsAPercentSignLiterallyWithoutAFormatWarning() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    System.setErr(new java.io.PrintStream(warnings, true));
    try {
      Main.commandLine()
          .getSubcommands()
          .get("server")
          .usage(new PrintWriter(out, true), CommandLine.Help.Ansi.OFF);
    } finally {
      System.setErr(err);
    }
    assertThat(out.toString()).contains("1% of the volume");
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("Could not format");
  }

  @Test
  void flagsNotGivenAreLeftToTheEnvironmentAndDefaults() {
    CommandLine cli = Main.commandLine();
    cli.parseArgs("server", "--port", "7");
    assertThat(SettingOptions.given(serverSpec(cli))).isEqualTo(Map.of("API_PORT", "7"));
  }
}
