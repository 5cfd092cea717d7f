package dev.dfs.store.local;

import dev.dfs.util.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.UInt64AddOperator;

/**
 * An online, consistent copy of a local store's data directory, file by file into a {@link
 * SnapshotSink}: {@code FORMAT}, a RocksDB checkpoint of the metadata as {@code meta/…}, then every
 * chunk file that checkpoint refers to as {@code chunks/ab/cd/<id>} (the data directory's own
 * layout, so the files restored as they are make a data directory again).
 *
 * <p>Consistency: a {@link ChunkPins#hold()} is taken before the checkpoint and kept until the last
 * file is copied, so no chunk file is deleted meanwhile (deletes, overwrites, aborted uploads and
 * the sweeper wait; their space is freed afterwards). A chunk is published before any metadata
 * refers to it, so every chunk the checkpoint names is on disk when the hold starts and stays
 * there; the checkpoint holds every commit acknowledged before it was taken (objects, versions,
 * open uploads and their parts, inline bodies). Chunks written after the checkpoint are not copied.
 * The checkpoint is made in a work directory inside the data directory (hard links, same file
 * system) and removed afterwards; one left behind by a crash is removed at the next open.
 * Thread-safe; backups may run concurrently.
 */
final class LocalBackup {
  private static final String WORK_PREFIX = "backup.tmp-";
  private static final String CHUNK_REFS = "chunk_refs";

  private final Path dataDir;
  private final MetaDb db;
  private final ChunkFiles files;
  private final ChunkPins pins;

  LocalBackup(Path dataDir, MetaDb db, ChunkFiles files, ChunkPins pins) {
    this.dataDir = dataDir;
    this.db = db;
    this.files = files;
    this.pins = pins;
  }

  /** Writes the snapshot to {@code sink}; see the class comment for what it holds. */
  void writeTo(SnapshotSink sink) throws IOException {
    Path work = dataDir.resolve(WORK_PREFIX + ChunkId.random().hex());
    Path meta = work.resolve("meta");
    try (ChunkPins.Hold hold = pins.hold()) {
      Files.createDirectories(work);
      db.checkpoint(meta);
      add(sink, "FORMAT", dataDir.resolve("FORMAT"));
      List<Path> metaFiles;
      try (Stream<Path> s = Files.list(meta)) {
        metaFiles = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : metaFiles) add(sink, "meta/" + f.getFileName(), f);
      addChunks(sink, meta);
    } finally {
      FileTrees.delete(work);
    }
  }

  /** Removes work directories a backup interrupted by a crash left in {@code dataDir}. */
  static void clearLeftovers(Path dataDir) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dataDir, WORK_PREFIX + "*")) {
      for (Path p : ds) FileTrees.delete(p);
    }
  }

  /** Every chunk file the checkpoint in {@code meta} refers to, in chunk id order. */
  private void addChunks(SnapshotSink sink, Path meta) throws IOException {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    // the checkpoint's WAL may hold commits made between its flush and the checkpoint; replaying
    // them needs the usage counters' merge operator (harmless on the other column families)
    try (Options listing = new Options();
        DBOptions options = new DBOptions();
        UInt64AddOperator add = new UInt64AddOperator();
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions().setMergeOperator(add)) {
      for (byte[] name : RocksDB.listColumnFamilies(listing, meta.toString())) {
        descriptors.add(new ColumnFamilyDescriptor(name, cfOptions));
      }
      try (RocksDB checkpoint =
          RocksDB.openReadOnly(options, meta.toString(), descriptors, handles)) {
        try (RocksIterator it = checkpoint.newIterator(refs(descriptors, handles))) {
          for (it.seekToFirst(); it.isValid(); it.next())
            addChunk(sink, ChunkId.fromBytes(it.key()));
          it.status();
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException e) {
      throw new IOException(
          "cannot read the metadata checkpoint " + meta + ": " + e.getMessage(), e);
    }
  }

  private static ColumnFamilyHandle refs(
      List<ColumnFamilyDescriptor> descriptors, List<ColumnFamilyHandle> handles)
      throws IOException {
    for (int i = 0; i < descriptors.size(); i++) {
      if (new String(descriptors.get(i).getName(), StandardCharsets.US_ASCII).equals(CHUNK_REFS)) {
        return handles.get(i);
      }
    }
    throw new IOException("the metadata checkpoint has no " + CHUNK_REFS + " column family");
  }

  private void addChunk(SnapshotSink sink, ChunkId id) throws IOException {
    Path file = files.path(id);
    String name = "chunks/" + files.chunksDir().relativize(file).toString().replace('\\', '/');
    try {
      add(sink, name, file);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "chunk "
              + id
              + " that the metadata refers to is missing from "
              + files.chunksDir()
              + "; the data directory is damaged, no complete backup can be made",
          e);
    }
  }

  private static void add(SnapshotSink sink, String name, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      sink.add(name, Files.size(file), in);
    }
  }
}
