package dev.dfs.cli;

import dev.dfs.util.BuildInfo;
import picocli.CommandLine;

/** Reports the build's version and git commit for {@code --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "dfs "
          + BuildInfo.current().version()
          + " (commit "
          + BuildInfo.current().commit()
          + ", Java "
          + Runtime.version()
          + ")"
    };
  }
}
