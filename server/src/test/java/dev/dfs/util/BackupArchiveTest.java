package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup archive: files and the manifest round-trip through {@link TarReader}, the system's
 * {@code tar} unpacks it, names that could leave the target directory are refused, and a damaged
 * header or manifest is reported.
 */
class BackupArchiveTest {

  private static byte[] archive(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BackupArchive archive = new BackupArchive(out, 1_700_000_000L);
    for (var e : files.entrySet()) {
      archive.add(e.getKey(), e.getValue().length, new ByteArrayInputStream(e.getValue()));
    }
    archive.finish(Map.of("engine", "local"));
    return out.toByteArray();
  }

  @Test
  void filesAndManifestRoundTrip() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("FORMAT", "dfs-local 2\n".getBytes(StandardCharsets.US_ASCII));
    files.put("meta/000012.sst", new byte[513]);
    files.put("chunks/ab/cd/abcd0000000000000000000000000000", new byte[0]);
    TarReader reader = new TarReader(new ByteArrayInputStream(archive(files)));
    for (var e : files.entrySet()) {
      TarReader.Entry entry = reader.next();
      assertThat(entry.name()).isEqualTo(e.getKey());
      assertThat(reader.data().readAllBytes()).isEqualTo(e.getValue());
    }
    TarReader.Entry manifestEntry = reader.next();
    assertThat(manifestEntry.name()).isEqualTo(BackupManifest.FILE_NAME);
    BackupManifest manifest = BackupManifest.parse(reader.data().readAllBytes());
    assertThat(reader.next()).isNull();
    assertThat(manifest.get("engine")).isEqualTo("local");
    assertThat(manifest.files())
        .extracting(BackupManifest.Entry::name)
        .containsExactlyElementsOf(files.keySet());
    assertThat(manifest.files().get(1).sha256())
        .isEqualTo(Hex.encode(BackupArchive.sha256().digest(new byte[513])));
  }

  @Test
  void systemTarUnpacksIt(@TempDir Path dir) throws Exception {
    byte[] body = "hello backup".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("b.tar"), archive(Map.of("meta/CURRENT", body)));
    Process p =
        new ProcessBuilder("tar", "-xf", "b.tar")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(Files.readAllBytes(dir.resolve("meta/CURRENT"))).isEqualTo(body);
    assertThat(dir.resolve(BackupManifest.FILE_NAME)).exists();
  }

  @Test
  void namesThatCouldLeaveTheDirectoryAreRefused() {
    for (String bad :
        new String[] {
          "../x",
          "/etc/passwd",
          "a/../b",
          "a//b",
          ".hidden",
          "a/.",
          "",
          "a/",
          "a\\b",
          "x".repeat(101)
        }) {
      assertThat(BackupManifest.validName(bad)).as(bad).isFalse();
    }
    assertThat(BackupManifest.validName("chunks/ab/cd/abcd")).isTrue();
    assertThatThrownBy(
            () ->
                new BackupArchive(new ByteArrayOutputStream(), 0)
                    .add("../evil", 0, new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("invalid backup file name");
  }

  @Test
  void damageIsReported() throws IOException {
    byte[] tar = archive(Map.of("FORMAT", new byte[10]));
    byte[] damaged = Arrays.copyOf(tar, tar.length);
    damaged[3] ^= 1; // inside the first header's name: its checksum no longer matches
    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(damaged)).next())
        .hasMessageContaining("checksum");
    TarReader cut = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 512 + 512)));
    cut.next();
    assertThatThrownBy(cut::next).hasMessageContaining("ends");
    assertThatThrownBy(
            () ->
                BackupManifest.parse(
                    "dfs-backup 1\nfile zz 1 x\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("line 2");
    assertThatThrownBy(
            () -> BackupManifest.parse("something else\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a DFS backup manifest");
  }
}
