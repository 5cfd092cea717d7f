package dev.dfs.cli;

import dev.dfs.util.BackupArchive;
import dev.dfs.util.BackupManifest;
import dev.dfs.util.Hex;
import dev.dfs.util.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backup as a directory on the client's side: its files under their data-directory names, {@link
 * BackupManifest#FILE_NAME} written last. Receiving checks every file against the manifest the
 * server sent; verifying re-reads every file against the stored manifest. Only names {@link
 * BackupManifest#validName} accepts are ever written, always below the target directory. Files
 * holding secrets ({@code master.key}, {@code root-credentials.properties}) get mode 0600 where the
 * file system has POSIX modes. Stateless.
 */
final class BackupFiles {
  private static final List<String> SECRETS =
      List.of(dev.dfs.crypto.MasterKey.FILE_NAME, DataDirSnapshot.ROOT_CREDENTIALS);

  private BackupFiles() {}

  /** Counts files and bytes as they pass and reports them now and then. */
  interface Progress {
    void file(long bytes);
  }

  /**
   * Unpacks the archive {@code tar} into the empty directory {@code dir} and returns its manifest
   * once every file matched it.
   *
   * @throws AdminFailure when the archive ends early (no manifest: the server failed or the
   *     connection broke), names a file it may not, or a file differs from the manifest
   */
  static BackupManifest receive(InputStream tar, Path dir, Progress progress) throws IOException {
    TarReader reader = new TarReader(tar);
    List<BackupManifest.Entry> got = new ArrayList<>();
    TarReader.Entry e;
    while ((e = reader.next()) != null) {
      if (!BackupManifest.validName(e.name())) {
        throw new AdminFailure("the backup names a file it may not: '" + e.name() + "'");
      }
      if (e.name().equals(BackupManifest.FILE_NAME)) {
        byte[] text = reader.data().readAllBytes();
        BackupManifest manifest = BackupManifest.parse(text);
        if (!manifest.files().equals(got)) {
          throw new AdminFailure("the backup's files do not match its manifest; it is damaged");
        }
        write(dir, e.name(), new java.io.ByteArrayInputStream(text));
        if (reader.next() != null)
          throw new AdminFailure("the backup has files after its manifest");
        return manifest;
      }
      got.add(new BackupManifest.Entry(e.name(), e.size(), write(dir, e.name(), reader.data())));
      progress.file(e.size());
    }
    throw new AdminFailure(
        "the backup ended without its manifest: it is incomplete (did the"
            + " server fail? see its log); do not use "
            + dir);
  }

  /**
   * Reads {@code dir}'s manifest and checks every file it lists (size and SHA-256).
   *
   * @throws AdminFailure naming the first file that is missing or differs
   */
  static BackupManifest verify(Path dir, Progress progress) throws IOException {
    Path manifestFile = dir.resolve(BackupManifest.FILE_NAME);
    if (!Files.isRegularFile(manifestFile)) {
      throw new AdminFailure(
          dir
              + " is not a complete DFS backup (no "
              + BackupManifest.FILE_NAME
              + "; a backup that was cut off has none)");
    }
    BackupManifest manifest = BackupManifest.parse(Files.readAllBytes(manifestFile));
    for (BackupManifest.Entry entry : manifest.files()) {
      Path file = inside(dir, entry.name());
      if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
        throw new AdminFailure("backup file " + entry.name() + " is missing or has the wrong size");
      }
      MessageDigest sha = BackupArchive.sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      if (!Hex.encode(sha.digest()).equals(entry.sha256())) {
        throw new AdminFailure("backup file " + entry.name() + " does not match its checksum");
      }
      progress.file(entry.size());
    }
    return manifest;
  }

  /** Copies every file {@code manifest} lists from {@code from} into {@code to}, each synced. */
  static void copy(BackupManifest manifest, Path from, Path to, Progress progress)
      throws IOException {
    for (BackupManifest.Entry entry : manifest.files()) {
      try (InputStream in = Files.newInputStream(inside(from, entry.name()))) {
        write(to, entry.name(), in);
      }
      progress.file(entry.size());
    }
  }

  /** Fails unless {@code dir} is absent or an empty directory; then makes sure it exists. */
  static void requireEmpty(Path dir, String what) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) throw new AdminFailure(what + " " + dir + " is not a directory");
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new AdminFailure(what + " " + dir + " is not empty; give a new or empty directory");
        }
      }
    }
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access rules apply
    }
  }

  private static Path inside(Path dir, String name) {
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir.normalize()))
      throw new AdminFailure("invalid backup file name " + name);
    return file;
  }

  /** Writes {@code in} to {@code dir/name}, synced; returns its SHA-256 (hex). */
  private static String write(Path dir, String name, InputStream in) throws IOException {
    Path file = inside(dir, name);
    Files.createDirectories(file.getParent());
    MessageDigest sha = BackupArchive.sha256();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      if (SECRETS.contains(name) || name.startsWith(dev.dfs.crypto.MasterKey.FILE_NAME)) {
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
      }
      new DigestInputStream(in, sha).transferTo(Channels.newOutputStream(ch));
      ch.force(true);
    }
    return Hex.encode(sha.digest());
  }
}
