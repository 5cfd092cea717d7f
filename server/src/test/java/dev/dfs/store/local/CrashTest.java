package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.CompletedPart;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.WriteCondition;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is writing (SIGKILL, no shutdown hooks) and checks after reopening: every
 * acknowledged write is there byte for byte (or a later version of that key), nothing visible is
 * partial, and the sweep leaves exactly the referenced chunk files.
 */
class CrashTest {
  @TempDir Path dir;

  static final int KEYS = 40;

  /** Body of version {@code v} of a key: header (version, length) then seeded bytes. */
  static byte[] body(int v) {
    int size =
        switch (v % 3) {
          case 0 -> 40; // inline
          case 1 -> 3000 + v % 1000; // chunk file
          default -> 1500; // chunk file
        };
    byte[] b = TestSupport.bytes(size, v);
    ByteBuffer.wrap(b).putInt(v).putInt(size);
    return b;
  }

  /** The child: writes forever, printing "ack key version" after each acknowledged write. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (LocalStore s = LocalStore.open(Path.of(args[0]), TestSupport.smallOptions())) {
      if (s.bucket("b").isEmpty()) s.createBucket("b", "r");
      for (int v = 1; ; v++) {
        String key = "k" + (v % KEYS);
        if (v % 10 == 0) {
          // multipart: two parts of the same body split
          byte[] data = TestSupport.bytes(5000, v);
          ByteBuffer.wrap(data).putInt(v).putInt(5000);
          UploadInfo u = s.createUpload("b", key, null, null, null);
          PartInfo p1 =
              s.uploadPart(
                  new PartUploadRequest("b", key, u.uploadId(), 1, 2500, null, null),
                  new ByteArrayInputStream(data, 0, 2500));
          PartInfo p2 =
              s.uploadPart(
                  new PartUploadRequest("b", key, u.uploadId(), 2, 2500, null, null),
                  new ByteArrayInputStream(data, 2500, 2500));
          s.completeUpload(
              "b",
              key,
              u.uploadId(),
              List.of(new CompletedPart(1, p1.etag(), null), new CompletedPart(2, p2.etag(), null)),
              WriteCondition.NONE);
        } else {
          byte[] data = body(v);
          s.putObject(
              PutObjectRequest.simple("b", key, data.length), new ByteArrayInputStream(data));
        }
        out.println("ack " + key + " " + v);
      }
    }
  }

  static byte[] expected(int v) {
    if (v % 10 != 0) return body(v);
    byte[] data = TestSupport.bytes(5000, v);
    ByteBuffer.wrap(data).putInt(v).putInt(5000);
    return data;
  }

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashTest.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<String, Integer> acked = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while (n < 300 && (line = r.readLine()) != null) {
        if (!line.startsWith("ack ")) continue;
        String[] p = line.split(" ");
        acked.put(p[1], Integer.parseInt(p[2]));
        n++;
      }
      child.destroyForcibly(); // SIGKILL
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acked).isNotEmpty();

    try (LocalStore s = LocalStore.open(dir, TestSupport.smallOptions())) {
      assertThat(TestSupport.filesUnder(dir.resolve("tmp"))).isEmpty();
      List<ObjectInfo> listed = s.list("b", new ListQuery("", null, null, 1000)).objects();
      int chunkFiles = 0;
      for (ObjectInfo o : listed) {
        byte[] got = TestSupport.get(s, "b", o.key());
        int v = ByteBuffer.wrap(got).getInt();
        assertThat(got).as("object %s", o.key()).isEqualTo(expected(v));
        assertThat(o.key()).isEqualTo("k" + (v % KEYS));
        Integer last = acked.get(o.key());
        if (last != null) assertThat(v).isGreaterThanOrEqualTo(last);
        chunkFiles += o.size() > 100 ? Math.max(1, o.partCount()) : 0;
      }
      assertThat(listed).extracting(ObjectInfo::key).containsAll(acked.keySet());
      // abandoned uploads from the kill may still hold part files; abort them, then sweep
      List<String> open = new ArrayList<>();
      s.listUploads("b", new dev.dfs.store.UploadsQuery("", null, null, null, 1000))
          .uploads()
          .forEach(u -> open.add(u.key() + "\n" + u.uploadId()));
      for (String u : open) s.abortUpload("b", u.split("\n")[0], u.split("\n")[1]);
      s.sweepNow();
      assertThat(TestSupport.filesUnder(dir.resolve("chunks"))).hasSize(chunkFiles);
    }
  }
}
