package dev.dfs.cli;

import dev.dfs.server.DfsServer;
import picocli.CommandLine;

/** Reports the build's version for {@code --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"dfs " + DfsServer.VERSION + " (Java " + Runtime.version() + ")"};
  }
}
