package dev.dfs.store.tier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A tier in a directory of this machine (a large slow disk beside the fast one). A write goes to
 * {@code .tmp/}, is fsynced, renamed into place and the directory fsynced, as the chunk files are,
 * so a stored key is complete or absent. Thread-safe.
 */
public final class LocalDirTier implements Tier {
  private static final String TMP = ".tmp";

  private final String name;
  private final Path root;

  /**
   * Opens (creating when missing) the directory {@code root}, removing temp files a stopped process
   * left in it (one server owns a directory tier, and it opens its tiers before it writes to them).
   */
  public LocalDirTier(String name, Path root) throws IOException {
    this.name = name;
    this.root = root.toAbsolutePath().normalize();
    Path tmp = this.root.resolve(TMP);
    Files.createDirectories(tmp);
    try (Stream<Path> stale = Files.list(tmp)) {
      for (Path p : stale.toList()) Files.deleteIfExists(p);
    }
  }

  @Override
  public String name() {
    return name;
  }

  private Path file(String key) {
    return root.resolve(TierKeys.check(key));
  }

  @Override
  public Written write(String key, InputStream body, long size) throws IOException {
    Path target = file(key);
    // a checked tier key resolved below the root always has a parent directory
    Path dir = Objects.requireNonNull(target.getParent());
    Path tmp = root.resolve(TMP).resolve(TierKeys.next().substring(3));
    MessageDigest md5 = Md5.create();
    try {
      try (FileChannel ch =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new DigestOutputStream(Channels.newOutputStream(ch), md5)) {
        long copied = body.transferTo(new Limited(out, size));
        if (copied != size) {
          throw new IOException("the body ended after " + copied + " of " + size + " bytes");
        }
        out.flush();
        ch.force(true);
      }
      Files.createDirectories(dir);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncDir(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new Written(size, HexFormat.of().formatHex(md5.digest()));
  }

  @Override
  public InputStream read(String key, long offset, long length) throws IOException {
    FileChannel ch = FileChannel.open(file(key), StandardOpenOption.READ);
    try {
      ch.position(offset);
      InputStream in = Channels.newInputStream(ch);
      return length < 0 ? in : BoundedInput.owning(in, length);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(file(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(file(key));
  }

  @Override
  public boolean empty() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .noneMatch(p -> !p.startsWith(TMP + "/") && !p.startsWith(TierKeys.PROBES));
    } catch (NoSuchFileException e) {
      return true;
    }
  }

  @Override
  public void close() {}

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").startsWith("Windows")) throw e;
    }
  }

  /** Passes at most {@code left} bytes on; more fails (the body is longer than its size). */
  private static final class Limited extends java.io.FilterOutputStream {
    private long left;

    Limited(OutputStream out, long left) {
      super(out);
      this.left = left;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) throw new IOException("the body is longer than its stated size");
      out.write(b, off, len);
      left -= len;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
