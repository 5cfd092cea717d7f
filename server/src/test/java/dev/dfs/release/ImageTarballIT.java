package dev.dfs.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image built by the {@code image} profile (Jib, no Docker daemon): its OCI index,
 * manifest and config say what an operator relies on (non-root user, entrypoint, ports, the /data
 * volume, environment, labels). This machine cannot reach an image registry, so the test builds
 * against a tiny local base image tarball ({@code -Djib.from.image=tar://…}): Jib then writes
 * exactly the configuration it would write on top of the real JRE base, which only adds its own
 * layers and environment.
 */
class ImageTarballIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = System.getProperty("dfs.version", "unknown");

  @Test
  void imageConfigurationIsWhatTheDockerfileDocuments(@TempDir Path tmp) throws Exception {
    Path image = tmp.resolve("image.tar");
    buildImage(OfflineBaseImage.write(tmp.resolve("base")), image);
    Path oci = Files.createDirectories(tmp.resolve("oci"));
    run(tmp, "tar", "-xf", image.toString(), "-C", oci.toString());

    JsonNode index = JSON.readTree(oci.resolve("index.json").toFile());
    JsonNode ref = index.path("manifests").get(0);
    assertThat(ref.path("annotations").path("org.opencontainers.image.ref.name").asText())
        .isEqualTo("dfs:" + VERSION);
    JsonNode manifest = blob(oci, ref.path("digest").asText());
    JsonNode config = blob(oci, manifest.path("config").path("digest").asText()).path("config");

    assertThat(config.path("User").asText()).isEqualTo("65532:0");
    assertThat(texts(config.path("Entrypoint"))).startsWith("java").contains("dev.dfs.cli.Main");
    assertThat(texts(config.path("Cmd"))).containsExactly("server");
    assertThat(config.path("ExposedPorts").has("5555/tcp")).isTrue();
    assertThat(config.path("ExposedPorts").has("5443/tcp")).isTrue();
    assertThat(config.path("Volumes").has("/data")).isTrue();
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/data");
    assertThat(texts(config.path("Env"))).contains("DFS_DATA_DIR=/data", "API_HOST=0.0.0.0");
    assertThat(config.path("Labels").path("org.opencontainers.image.licenses").asText())
        .isEqualTo("Apache-2.0");
    assertThat(config.path("Labels").path("org.opencontainers.image.version").asText())
        .isEqualTo(VERSION);

    List<String> entries = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      Path blob = oci.resolve("blobs/sha256/" + layer.path("digest").asText().substring(7));
      entries.addAll(run(tmp, "tar", "-tvzf", blob.toString()).lines().toList());
    }
    assertThat(entries)
        .as("/data exists, group-writable for the non-root user")
        .anyMatch(e -> e.startsWith("drwxrwxr-x") && e.endsWith(" data/"));
    assertThat(entries).anyMatch(e -> e.endsWith("dev/dfs/build.properties"));
    assertThat(entries).anyMatch(e -> e.contains("jetty-server-"));
  }

  private static void buildImage(Path base, Path out) throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String log =
        run(
            root,
            root.resolve("mvnw").toString(),
            "-B",
            "-ntp",
            "-q",
            "-Pimage",
            "-pl",
            "server",
            "initialize",
            "jib:buildTar",
            "-Djib.from.image=tar://" + base,
            "-Djib.outputPaths.tar=" + out);
    assertThat(out).as(log).exists();
  }

  private static JsonNode blob(Path oci, String digest) throws IOException {
    return JSON.readTree(
        oci.resolve("blobs/sha256/" + digest.substring("sha256:".length())).toFile());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s exits", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }

  /** A minimal {@code docker save} tarball: one layer with /tmp, a config with PATH. */
  static final class OfflineBaseImage {
    static Path write(Path dir) throws Exception {
      Path rootfs = Files.createDirectories(dir.resolve("rootfs/tmp"));
      Path layer = dir.resolve("layer.tar");
      run(dir, "tar", "-cf", layer.toString(), "-C", rootfs.getParent().toString(), "tmp");
      String diffId =
          "sha256:"
              + HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(layer)));
      Files.writeString(
          dir.resolve("config.json"),
          """
          {"architecture":"amd64","os":"linux",
           "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/bin:/bin"]},
           "rootfs":{"type":"layers","diff_ids":["%s"]}}"""
              .formatted(diffId));
      Files.writeString(
          dir.resolve("manifest.json"),
          "[{\"Config\":\"config.json\",\"RepoTags\":[\"offline-base:1\"],\"Layers\":[\"layer.tar\"]}]");
      Path tar = dir.resolve("base.tar");
      run(dir, "tar", "-cf", tar.toString(), "layer.tar", "config.json", "manifest.json");
      return tar;
    }
  }
}
