package dev.dfs.admin;

import dev.dfs.store.ObjectStore;
import dev.dfs.util.BackupArchive;
import dev.dfs.util.BackupManifest;
import dev.dfs.util.SnapshotSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/backup} (admins only): streams an online, consistent backup of the server's
 * data directory as a tar archive whose last file is the {@link BackupManifest}. The server never
 * writes the backup anywhere itself: the caller (e.g. {@code dfs admin backup DIR}) decides where
 * it goes on its own side, so no string from a request ever becomes a path on the server. A failure
 * once the archive has started cuts the connection; the archive then has no manifest and is refused
 * by restore. Engines without a backup source (cluster, gateway) answer 501 NotImplemented saying
 * what to do instead. Thread-safe.
 */
final class BackupResource {
  private static final Logger LOG = LoggerFactory.getLogger(BackupResource.class);

  private final String version;
  private final ObjectStore store;
  private final @Nullable SnapshotSource source;
  private final java.time.Clock clock;

  /**
   * @param source the data directory's snapshot, or null when this server cannot give one
   * @param clock the server's clock (the archive's creation time)
   */
  BackupResource(
      String version, ObjectStore store, @Nullable SnapshotSource source, java.time.Clock clock) {
    this.version = version;
    this.store = store;
    this.source = source;
    this.clock = clock;
  }

  void backup(AdminCall call) throws IOException {
    if (source == null) {
      call.error(501, "NotImplemented", refusal(store.engineName()));
      return;
    }
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    call.response.setStatus(200);
    call.response.getHeaders().put("Content-Type", "application/x-tar");
    call.response
        .getHeaders()
        .put(
            "Content-Disposition",
            "attachment; filename=\"dfs-backup-" + created.toString().replace(":", "") + ".tar\"");
    if ("HEAD".equals(call.request.getMethod())) {
      call.response.write(true, null, call.callback);
      return;
    }
    long started = System.nanoTime();
    BackupArchive archive;
    try (OutputStream out =
        new BufferedOutputStream(Content.Sink.asOutputStream(call.response), 256 * 1024)) {
      archive = new BackupArchive(out, created.getEpochSecond());
      source.writeTo(archive);
      Map<String, String> header = new LinkedHashMap<>();
      header.put("created", created.toString());
      header.put("engine", store.engineName());
      header.put("version", version);
      archive.finish(header);
    }
    call.callback.succeeded();
    LOG.info(
        "{} backup streamed: {} file(s), {} bytes in {} ms",
        call.requestId,
        archive.files(),
        archive.bytes(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Why {@code engine} gives no backup, and what to do instead. */
  static String refusal(String engine) {
    return switch (engine) {
      case "cluster" ->
          "A cluster is not backed up through one node: its metadata and chunks are"
              + " replicated across the members. Keep enough members (the replication factor"
              + " protects against lost nodes) and copy the objects to another store with an S3"
              + " client (aws s3 sync, rclone sync) for an off-site copy.";
      case "gateway" ->
          "The gateway engine keeps no objects of its own: back up the upstream"
              + " S3 store it forwards to (its buckets, with that store's own tools).";
      default -> "The " + engine + " engine cannot be backed up through the server.";
    };
  }
}
