package dev.dfs.store.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where chunk files live: {@code chunks/ab/cd/abcd…} (two levels fanned out by the id's first hex
 * digits) and temp files {@code tmp/<id>.tmp}. Names come only from random {@link ChunkId}s.
 * Publishing is rename-then-fsync-directory, so a published chunk survives a crash. Thread-safe.
 */
final class ChunkFiles implements ChunkSink {
  private final Path chunksDir;
  private final Path tmpDir;

  /** Fan-out directories whose creation this process has made durable (parents fsynced). */
  private final Set<Path> durableDirs = ConcurrentHashMap.newKeySet();

  ChunkFiles(Path dataDir) throws IOException {
    this.chunksDir = dataDir.resolve("chunks");
    this.tmpDir = dataDir.resolve("tmp");
    Files.createDirectories(chunksDir);
    Files.createDirectories(tmpDir);
    fsyncDir(dataDir);
  }

  Path chunksDir() {
    return chunksDir;
  }

  Path path(ChunkId id) {
    return dir(id).resolve(id.hex());
  }

  /** The directory of chunk {@code id}'s file: {@code chunks/<hex 0-2>/<hex 2-4>}. */
  Path dir(ChunkId id) {
    String hex = id.hex();
    return chunksDir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4));
  }

  Path tempPath(ChunkId id) {
    return tmpDir.resolve(id.hex() + ".tmp");
  }

  /** Atomically moves a fully written and fsynced temp file into place and fsyncs the directory. */
  @Override
  public void publish(ChunkId id) throws IOException {
    Path dir = dir(id);
    Path target = dir.resolve(id.hex());
    if (!durableDirs.contains(dir)) {
      // even if another writer just created it, its entry may not be durable yet: fsync the
      // parents ourselves (once per directory and process)
      Files.createDirectories(dir);
      fsyncDir(chunksDir.resolve(id.hex().substring(0, 2)));
      fsyncDir(chunksDir);
      durableDirs.add(dir);
    }
    Files.move(tempPath(id), target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDir(dir);
  }

  /** Deletes the chunk (published or temp); missing files are fine. */
  @Override
  public void delete(ChunkId id) throws IOException {
    Files.deleteIfExists(path(id));
    Files.deleteIfExists(tempPath(id));
  }

  /** Removes every temp file; only safe before any write starts. Returns how many. */
  int clearTmp() throws IOException {
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpDir)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
          n++;
        }
      }
    }
    return n;
  }

  static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      // some file systems refuse to open directories for fsync; nothing more can be done there
      if (!Files.isDirectory(dir)) throw e;
    }
  }
}
