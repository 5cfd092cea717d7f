package dev.dfs.util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backup as one tar stream: every file a {@link SnapshotSource} adds, hashed (SHA-256) as it
 * passes, then {@link BackupManifest#FILE_NAME} listing them all as the last file. A reader that
 * got the manifest got every file before it. Not thread-safe.
 */
public final class BackupArchive implements SnapshotSink {
  private final TarWriter tar;
  private final List<BackupManifest.Entry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private long bytes;

  public BackupArchive(OutputStream out, long mtimeSeconds) {
    this.tar = new TarWriter(out, mtimeSeconds);
  }

  /**
   * @throws IOException for a name {@link BackupManifest#validName} refuses or one given twice
   */
  @Override
  public void add(String name, long size, InputStream data) throws IOException {
    if (!BackupManifest.validName(name) || name.equals(BackupManifest.FILE_NAME)) {
      throw new IOException("invalid backup file name: " + name);
    }
    if (!names.add(name)) throw new IOException("backup file given twice: " + name);
    MessageDigest sha = sha256();
    tar.add(name, size, new DigestInputStream(data, sha));
    entries.add(new BackupManifest.Entry(name, size, Hex.encode(sha.digest())));
    bytes += size;
  }

  /** Files added so far. */
  public int files() {
    return entries.size();
  }

  /** Bytes of the files added so far. */
  public long bytes() {
    return bytes;
  }

  /**
   * Writes the manifest (with {@code header} first) and the end of the archive; returns the
   * manifest.
   */
  public BackupManifest finish(Map<String, String> header) throws IOException {
    BackupManifest manifest = new BackupManifest(new LinkedHashMap<>(header), entries);
    byte[] text = manifest.render();
    tar.add(BackupManifest.FILE_NAME, text.length, new ByteArrayInputStream(text));
    tar.finish();
    return manifest;
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
