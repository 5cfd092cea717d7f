package dev.dfs.store.tier;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an object version's bytes go when they leave the local disk: another directory, or a bucket
 * of an S3-compatible service. Narrow on purpose: write a stream, read a range, delete, verify.
 * Keys are chosen by DFS (random ids, never a client's key), so no user string ever reaches a path
 * or a remote key. Implementations are thread-safe.
 */
public interface Tier extends AutoCloseable {

  /** The tier's name, as its {@link TierDefinition} gives it. */
  String name();

  /**
   * Stores exactly {@code size} bytes of {@code body} under {@code key}, durably before it returns,
   * replacing anything there. Reads {@code body} to {@code size} bytes and never closes it; a body
   * that ends early fails with an IOException and leaves nothing behind (a remote may keep an
   * incomplete upload until its own cleanup).
   *
   * @return what the tier holds now: its size and the MD5 of the bytes it received
   */
  Written write(String key, InputStream body, long size) throws IOException;

  /**
   * Opens {@code length} bytes of {@code key} from {@code offset} ({@code length} negative: to the
   * end). The caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException when the tier holds no such key
   */
  InputStream read(String key, long offset, long length) throws IOException;

  /**
   * The size of {@code key} as the tier reports it.
   *
   * @throws java.nio.file.NoSuchFileException when the tier holds no such key
   */
  long size(String key) throws IOException;

  /** Deletes {@code key}; a missing key is not an error. */
  void delete(String key) throws IOException;

  /**
   * Checks that the tier works end to end: writes, reads back and deletes a small probe object
   * (under {@link TierKeys#PROBES}, which {@link #empty} ignores). Throws an IOException naming
   * what failed.
   */
  default void verify() throws IOException {
    String key = TierKeys.probe();
    byte[] probe = ("dfs tier probe " + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      write(key, new java.io.ByteArrayInputStream(probe), probe.length);
      try (InputStream in = read(key, 0, -1)) {
        if (!java.util.Arrays.equals(in.readAllBytes(), probe)) {
          throw new IOException("tier " + name() + " returned other bytes than were written");
        }
      }
    } finally {
      delete(key);
    }
  }

  /** Whether the tier holds no object of this installation (its directory or prefix). */
  boolean empty() throws IOException;

  @Override
  void close() throws IOException;

  /** What a {@link #write} stored: its size and the hex MD5 of its bytes. */
  record Written(long size, String md5Hex) {}
}
