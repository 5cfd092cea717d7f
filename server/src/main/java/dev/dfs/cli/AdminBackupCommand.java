package dev.dfs.cli;

import dev.dfs.crypto.MasterKey;
import dev.dfs.util.BackupManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dfs admin backup DIR}: takes an online, consistent backup of a running local-engine server
 * into the new or empty directory DIR on this machine. The server streams the snapshot ({@code GET
 * /api/v1/backup}); this side writes and checks the files, the manifest last, and warns about the
 * master key.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up a running local-engine server into DIR (new or empty), on this"
          + " machine: metadata, object data, users and keys, and the master key file if the"
          + " server uses one. Objects acknowledged before the backup starts are all in it.",
      "Restore with: dfs restore DIR --data-dir NEW_DIR (server stopped)."
    })
final class AdminBackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AdminOptions options;

  @Parameters(paramLabel = "DIR", description = "Where to write the backup (created if missing).")
  Path dir;

  @Override
  public Integer call() throws IOException {
    if (options.offline) {
      throw new AdminFailure(
          "a backup is taken from the running server; for a stopped one,"
              + " copy its data directory as it is (cp -a)");
    }
    Path target = dir.toAbsolutePath().normalize();
    BackupFiles.requireEmpty(target, "backup directory");
    PrintWriter err = spec.commandLine().getErr();
    ProgressLine progress = new ProgressLine(err, "backup");
    BackupManifest manifest;
    try (AdminClient client = options.connect()) {
      if (!(client instanceof HttpAdminClient http))
        throw new AdminFailure("a backup needs a server");
      try (InputStream in = http.download("/backup")) {
        manifest = BackupFiles.receive(in, target, progress);
      }
    }
    progress.done();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "backup of %s (%s engine, DFS %s, taken %s) written to %s: %,d files, %s%n",
        "the server",
        manifest.get("engine"),
        manifest.get("version"),
        manifest.get("created"),
        target,
        manifest.files().size(),
        ProgressLine.size(progress.bytes()));
    out.flush();
    err.println(masterKeyWarning(manifest));
    err.flush();
    return 0;
  }

  /** What the operator must know about the master key of this backup. */
  static String masterKeyWarning(BackupManifest manifest) {
    if (manifest.contains(MasterKey.FILE_NAME)) {
      return "WARNING: this backup contains the server's master key ("
          + MasterKey.FILE_NAME
          + "). It is the only way to read SSE-S3 and SSE-KMS objects and users' secret keys,"
          + " and anyone holding this backup can read them: store the backup as safely as the"
          + " key itself (encrypted, access-controlled), or move "
          + MasterKey.FILE_NAME
          + " to a separate safe place and put it back before restoring.";
    }
    return "WARNING: this backup does NOT contain the master key (the server takes it from"
        + " DFS_MASTER_KEY). Without that exact key the SSE-S3 and SSE-KMS objects and users'"
        + " secret keys in it cannot be read: keep a copy of DFS_MASTER_KEY (and of"
        + " DFS_MASTER_KEY_PREVIOUS while a master-key rotation runs) in a safe place, apart"
        + " from the backup.";
  }
}
