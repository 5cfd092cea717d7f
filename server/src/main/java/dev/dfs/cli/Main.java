package dev.dfs.cli;

import dev.dfs.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dfs} command: the only place that wires the layers together. */
@Command(
    name = "dfs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "DFS: a self-hosted, S3-compatible object store.",
    footer = {"", "The ./dfs launcher also runs every test of a source checkout: ./dfs test"},
    subcommands = {
      ServerCommand.class,
      AdminCommand.class,
      RestoreCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Exits with the command's code on failure; on success returns, so a running server keeps the JVM
   * up.
   */
  public static void main(String[] args) {
    LogSettings.apply(System.getenv(), java.nio.file.Path.of(".env"));
    int code = execute(commandLine(), args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs {@code args} on {@code cli} (from {@link #commandLine()}), with {@code dfs admin}'s shared
   * options accepted before the subcommand as well ({@link AdminArgs}).
   */
  public static int execute(CommandLine cli, String... args) {
    return cli.execute(AdminArgs.reorder(cli, args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    // Main declares the server subcommand (see @Command above)
    SettingOptions.addTo(
        java.util.Objects.requireNonNull(cli.getSubcommands().get("server")).getCommandSpec());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (!(e instanceof AdminFailure)) throw e;
          command
              .getErr()
              .println(
                  (command.getCommand() instanceof RestoreCommand ? "dfs restore: " : "dfs admin: ")
                      + e.getMessage());
          command.getErr().flush();
          return 1;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
