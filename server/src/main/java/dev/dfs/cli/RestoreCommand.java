package dev.dfs.cli;

import dev.dfs.crypto.MasterKey;
import dev.dfs.util.BackupManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dfs restore DIR --data-dir D}: checks every file of the backup in DIR against its
 * manifest, then copies them into the new or empty data directory D, from which {@code dfs server
 * --data-dir D} serves exactly what the backup holds. Exit codes: 0 restored, 1 refused (damaged or
 * incomplete backup, non-empty D), 2 bad usage.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore a backup made by 'dfs admin backup' into a new or empty data"
          + " directory, after checking every file against the backup's manifest.",
      "Then start the server on it: dfs server --data-dir DIR (with the same DFS_MASTER_KEY"
          + " if the backup has no master.key)."
    })
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "BACKUP", description = "The backup directory.")
  Path backup;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      required = true,
      description = "The data directory to create (must be new or empty).")
  Path dataDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Path from = backup.toAbsolutePath().normalize();
    Path to = dataDir.toAbsolutePath().normalize();
    ProgressLine checked = new ProgressLine(err, "verify");
    BackupManifest manifest = BackupFiles.verify(from, checked);
    checked.done();
    if (!"local".equals(manifest.get("engine"))) {
      throw new AdminFailure(
          "this backup is of a '"
              + manifest.get("engine")
              + "' server;"
              + " only local-engine backups can be restored");
    }
    BackupFiles.requireEmpty(to, "data directory");
    ProgressLine copied = new ProgressLine(err, "restore");
    BackupFiles.copy(manifest, from, to, copied);
    copied.done();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "restored the backup taken %s (DFS %s) into %s: %,d files, %s%n",
        manifest.get("created"),
        manifest.get("version"),
        to,
        manifest.files().size(),
        ProgressLine.size(copied.bytes()));
    out.println(
        manifest.contains(MasterKey.FILE_NAME)
            ? "The backup's master key was restored as "
                + to.resolve(MasterKey.FILE_NAME)
                + " (mode 0600); start the server without DFS_MASTER_KEY, or with the same key."
            : "The backup has no master key: start the server with the DFS_MASTER_KEY it had,"
                + " or its SSE objects and users' secret keys cannot be read.");
    out.println("Start it with: dfs server --data-dir " + to);
    out.flush();
    return 0;
  }
}
