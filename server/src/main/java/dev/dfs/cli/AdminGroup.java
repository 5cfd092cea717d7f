package dev.dfs.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code dfs admin} command group (user, key, apikey, cluster): called without a subcommand it
 * prints its usage; its subcommands print through {@link #out()}.
 */
abstract class AdminGroup implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where subcommands print (the command line's output, redirectable in tests). */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
