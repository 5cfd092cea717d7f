package dev.dfs.store.local;

import static dev.dfs.store.local.TestSupport.bytes;
import static dev.dfs.store.local.TestSupport.filesUnder;
import static dev.dfs.store.local.TestSupport.get;
import static dev.dfs.store.local.TestSupport.md5;
import static dev.dfs.store.local.TestSupport.md5Hex;
import static dev.dfs.store.local.TestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ByteRange;
import dev.dfs.store.Checksum;
import dev.dfs.store.CopyRequest;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreObjectsTest {
  @TempDir Path dir;
  LocalStore store;

  @BeforeEach
  void open() throws IOException {
    store = LocalStore.open(dir, TestSupport.smallOptions());
    store.createBucket("b", "us-east-1");
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private List<Path> chunkFiles() throws IOException {
    return filesUnder(dir.resolve("chunks"));
  }

  @Test
  void bucketsLifecycle() throws IOException {
    assertThatThrownBy(() -> store.createBucket("b", "x"))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.BUCKET_ALREADY_OWNED_BY_YOU));
    store.createBucket("a", "eu-west-1");
    assertThat(store.listBuckets()).extracting(b -> b.name()).containsExactly("a", "b");
    assertThat(store.bucket("a"))
        .hasValueSatisfying(b -> assertThat(b.region()).isEqualTo("eu-west-1"));
    put(store, "a", "k", new byte[] {1});
    assertThatThrownBy(() -> store.deleteBucket("a"))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.BUCKET_NOT_EMPTY));
    store.delete(ObjectRef.current("a", "k"), null);
    store.deleteBucket("a");
    assertThat(store.bucket("a")).isEmpty();
    assertThatThrownBy(() -> store.deleteBucket("a"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_BUCKET));
    assertThatThrownBy(() -> put(store, "nope", "k", new byte[1]))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_BUCKET));
    assertThatThrownBy(() -> store.head(ObjectRef.current("nope", "k")))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_BUCKET));
  }

  @Test
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // only the sub-millisecond part is checked
  void putGetHeadDeleteAcrossSizes() throws IOException {
    for (int size : new int[] {0, 1, 100, 101, 1023, 1024, 1025, 5000, 3 * 1024}) {
      byte[] data = bytes(size, size);
      String key = "obj-" + size;
      ObjectInfo info = put(store, "b", key, data);
      assertThat(info.size()).isEqualTo(size);
      assertThat(info.etag()).isEqualTo(md5Hex(data));
      assertThat(info.partSizes()).isEmpty();
      assertThat(get(store, "b", key)).isEqualTo(data);
      ObjectInfo head = store.head(ObjectRef.current("b", key)).orElseThrow();
      assertThat(head.etag()).isEqualTo(info.etag());
      assertThat(head.lastModified()).isEqualTo(info.lastModified());
      assertThat(head.lastModified().getNano() % 1_000_000).isZero();
    }
    // sizes <= 100 are inline, larger ones are chunk files
    assertThat(chunkFiles()).hasSize(6);
    for (int size : new int[] {0, 1, 100, 101, 1023, 1024, 1025, 5000, 3 * 1024}) {
      store.delete(ObjectRef.current("b", "obj-" + size), null);
      assertThat(store.head(ObjectRef.current("b", "obj-" + size))).isEmpty();
    }
    assertThat(chunkFiles()).isEmpty();
    store.delete(ObjectRef.current("b", "never-existed"), null);
    assertThatThrownBy(() -> store.open(ReadRequest.of("b", "obj-1")))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_KEY));
  }

  @Test
  void unknownSizeBodies() throws IOException {
    for (int size : new int[] {0, 50, 1024, 4000}) {
      byte[] data = bytes(size, 7);
      PutObjectRequest req = PutObjectRequest.simple("b", "u" + size, -1);
      ObjectInfo info = store.putObject(req, new ByteArrayInputStream(data));
      assertThat(info.size()).isEqualTo(size);
      assertThat(get(store, "b", "u" + size)).isEqualTo(data);
    }
  }

  @Test
  void readsOnlySizeBytesFromALongerStream() throws IOException {
    byte[] data = bytes(3000, 1);
    InputStream in = new ByteArrayInputStream(data);
    store.putObject(PutObjectRequest.simple("b", "k", 2000), in);
    assertThat(get(store, "b", "k")).isEqualTo(Arrays.copyOf(data, 2000));
    assertThat(in.available()).isEqualTo(1000);
  }

  @Test
  void overwriteReplacesAndFreesOldChunk() throws IOException {
    put(store, "b", "k", bytes(5000, 1));
    List<Path> before = chunkFiles();
    byte[] second = bytes(4000, 2);
    put(store, "b", "k", second);
    assertThat(get(store, "b", "k")).isEqualTo(second);
    assertThat(chunkFiles()).hasSize(1).doesNotContainAnyElementsOf(before);
    put(store, "b", "k", new byte[] {9});
    assertThat(chunkFiles()).isEmpty();
    assertThat(get(store, "b", "k")).containsExactly(9);
  }

  @Test
  void metadataAndChecksumRoundTrip() throws IOException {
    ObjectMetadata md =
        new ObjectMetadata(
            "text/plain",
            "gzip",
            "attachment",
            "en",
            "no-cache",
            "Thu, 01 Jan 2037 00:00:00 GMT",
            Map.of("a", "1", "zz", "ü"),
            "STANDARD_IA");
    byte[] data = bytes(3000, 3);
    String crc = ChecksumAlgorithm.CRC32C.newChecksum().finishBase64();
    var c = ChecksumAlgorithm.CRC32C.newChecksum();
    c.update(data, 0, data.length);
    String expected = c.finishBase64();
    assertThat(expected).isNotEqualTo(crc);
    ObjectInfo info =
        store.putObject(
            new PutObjectRequest(
                "b", "k", data.length, md, md5(data), ChecksumAlgorithm.CRC32C, () -> expected),
            new ByteArrayInputStream(data));
    assertThat(info.checksum())
        .isEqualTo(new Checksum(ChecksumAlgorithm.CRC32C, expected, Checksum.Type.FULL_OBJECT));
    ObjectInfo head = store.head(ObjectRef.current("b", "k")).orElseThrow();
    assertThat(head.metadata()).isEqualTo(md);
    assertThat(head.checksum()).isEqualTo(info.checksum());
  }

  @Test
  void rangesVerifyOnlyTouchedBlocks() throws IOException {
    byte[] data = bytes(5000, 4); // blocks of 1024: 0..4
    put(store, "b", "k", data);
    long[][] ranges = {
      {0, 0},
      {0, 1023},
      {1000, 1100},
      {1024, 2047},
      {2000, 4999},
      {4096, 4999},
      {4999, 4999},
      {0, 4999},
      {1, 4998}
    };
    for (long[] r : ranges) {
      assertThat(get(store, "b", "k", new ByteRange(r[0], r[1])))
          .as("range %d-%d", r[0], r[1])
          .isEqualTo(Arrays.copyOfRange(data, (int) r[0], (int) r[1] + 1));
    }
    byte[] small = bytes(80, 5);
    put(store, "b", "inline", small);
    assertThat(get(store, "b", "inline", new ByteRange(10, 19)))
        .isEqualTo(Arrays.copyOfRange(small, 10, 20));
    assertThatThrownBy(() -> get(store, "b", "k", new ByteRange(4000, 5000)))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.INVALID_RANGE));
  }

  @Test
  void weirdKeysAreJustBytes() throws IOException {
    List<String> keys =
        List.of(
            "a b",
            "a+b",
            "%2F",
            "a//b",
            "/leading",
            "../../etc/passwd",
            "ünï/cødé/🎉",
            "x".repeat(1024),
            "tab\there",
            "dot.",
            ".");
    for (String k : keys) put(store, "b", k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String k : keys)
      assertThat(new String(get(store, "b", k), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(k);
    assertThat(store.list("b", new ListQuery("", null, null, 1000)).objects()).hasSize(keys.size());
    assertThat(Files.exists(dir.resolve("etc"))).isFalse();
    assertThatThrownBy(() -> put(store, "b", "x".repeat(1025), new byte[1]))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.INVALID_ARGUMENT));
  }

  @Test
  void badDigestCommitsNothingAndLeavesNoTempFile() throws IOException {
    byte[] data = bytes(5000, 6);
    put(store, "b", "k", data);
    for (int size : new int[] {50, 5000}) {
      byte[] other = bytes(size, 7);
      assertThatThrownBy(
              () ->
                  store.putObject(
                      new PutObjectRequest("b", "k", size, null, md5(data), null, null),
                      new ByteArrayInputStream(other)))
          .isInstanceOfSatisfying(
              StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.BAD_DIGEST));
      assertThatThrownBy(
              () ->
                  store.putObject(
                      new PutObjectRequest(
                          "b", "k", size, null, null, ChecksumAlgorithm.SHA256, () -> "AAAA"),
                      new ByteArrayInputStream(other)))
          .isInstanceOfSatisfying(
              StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.BAD_DIGEST));
    }
    assertThat(get(store, "b", "k")).isEqualTo(data);
    assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    assertThat(chunkFiles()).hasSize(1);
  }

  @Test
  void checksumSupplierIsCalledOnlyAfterTheBodyEnded() throws IOException {
    byte[] data = bytes(3000, 8);
    boolean[] ended = {false};
    InputStream in =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n < 0 || available() == 0) ended[0] = true;
            return n;
          }
        };
    var c = ChecksumAlgorithm.CRC32.newChecksum();
    c.update(data, 0, data.length);
    String value = c.finishBase64();
    store.putObject(
        new PutObjectRequest(
            "b",
            "k",
            -1,
            null,
            null,
            ChecksumAlgorithm.CRC32,
            () -> {
              assertThat(ended[0]).isTrue();
              return value;
            }),
        in);
    assertThat(store.head(ObjectRef.current("b", "k")).orElseThrow().checksum().base64())
        .isEqualTo(value);
  }

  @Test
  void incompleteBodyIsReported() throws IOException {
    for (int have : new int[] {10, 3000}) {
      assertThatThrownBy(
              () ->
                  store.putObject(
                      PutObjectRequest.simple("b", "k", 4000),
                      new ByteArrayInputStream(bytes(have, 1))))
          .isInstanceOfSatisfying(
              BodyException.class,
              e -> assertThat(e.fault()).isEqualTo(BodyException.Fault.INCOMPLETE_BODY));
    }
    assertThat(store.head(ObjectRef.current("b", "k"))).isEmpty();
    assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    assertThat(chunkFiles()).isEmpty();
  }

  @Test
  void bodyExceptionMidwayIsRethrownUnchangedAndNothingIsVisible() throws IOException {
    BodyException boom =
        new BodyException(BodyException.Fault.CHUNK_SIGNATURE_MISMATCH, "bad chunk");
    for (int before : new int[] {0, 50, 2500}) {
      assertThatThrownBy(
              () ->
                  store.putObject(
                      PutObjectRequest.simple("b", "k", -1),
                      TestSupport.failingAfter(bytes(before, 2), boom)))
          .isSameAs(boom);
      assertThatThrownBy(
              () ->
                  store.putObject(
                      PutObjectRequest.simple("b", "k", 10_000),
                      TestSupport.failingAfter(bytes(before, 2), boom)))
          .isSameAs(boom);
    }
    assertThat(store.head(ObjectRef.current("b", "k"))).isEmpty();
    assertThat(store.list("b", new ListQuery("", null, null, 10)).objects()).isEmpty();
    assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    assertThat(chunkFiles()).isEmpty();
  }

  @Test
  void entityTooLarge() throws IOException {
    store.close();
    store = LocalStore.open(dir, TestSupport.smallOptions().withMaxObjectSize(3000));
    assertThatThrownBy(
            () ->
                store.putObject(
                    PutObjectRequest.simple("b", "k", 3001),
                    new ByteArrayInputStream(bytes(3001, 1))))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.ENTITY_TOO_LARGE));
    assertThatThrownBy(
            () ->
                store.putObject(
                    PutObjectRequest.simple("b", "k", -1),
                    new ByteArrayInputStream(bytes(5000, 1))))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.ENTITY_TOO_LARGE));
    assertThat(store.head(ObjectRef.current("b", "k"))).isEmpty();
    assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    assertThat(chunkFiles()).isEmpty();
    store.putObject(
        PutObjectRequest.simple("b", "k", -1), new ByteArrayInputStream(bytes(3000, 1)));
  }

  @Test
  void truncatedChunkFileIsReportedAsCorrupt() throws IOException {
    put(store, "b", "k", bytes(5000, 1));
    Path chunk = chunkFiles().get(0);
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    assertThatThrownBy(() -> get(store, "b", "k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("b/k: chunk")
        .hasMessageContaining("expected");
  }

  @Test
  void corruptionIsDetectedOnRead() throws IOException {
    byte[] data = bytes(5000, 9);
    put(store, "b", "k", data);
    Path chunk = chunkFiles().get(0);
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      long pos = TestSupport.layout(chunk, 1024).blockOffset(2) + 10; // inside block 2
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x40);
    }
    assertThatThrownBy(() -> get(store, "b", "k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("fails its check in block 2");
    assertThatThrownBy(() -> get(store, "b", "k", new ByteRange(2048, 2100)))
        .hasMessageContaining("fails its check in block 2");
    // blocks not touched still read fine
    assertThat(get(store, "b", "k", new ByteRange(0, 2047))).isEqualTo(Arrays.copyOf(data, 2048));
    assertThat(get(store, "b", "k", new ByteRange(3072, 4999)))
        .isEqualTo(Arrays.copyOfRange(data, 3072, 5000));
  }

  @Test
  void readStaysValidAfterDeleteAndOverwrite() throws IOException {
    byte[] data = bytes(5000, 10);
    put(store, "b", "k", data);
    try (ObjectRead r = store.open(ReadRequest.of("b", "k"))) {
      store.delete(ObjectRef.current("b", "k"), null);
      put(store, "b", "k", bytes(3000, 11));
      assertThat(store.sweepNow()).isZero();
      try (InputStream in = r.stream(null)) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
    assertThat(chunkFiles()).hasSize(1); // the old one went at close
  }

  @Test
  void sweepRemovesOrphansAndKeepsReferencedChunks() throws IOException {
    byte[] data = bytes(5000, 12);
    put(store, "b", "k", data);
    Path kept = chunkFiles().get(0);
    ChunkId orphan = ChunkId.random();
    Path orphanPath =
        dir.resolve("chunks")
            .resolve(orphan.hex().substring(0, 2))
            .resolve(orphan.hex().substring(2, 4))
            .resolve(orphan.hex());
    Files.createDirectories(orphanPath.getParent());
    Files.write(orphanPath, new byte[] {1, 2, 3});
    Path foreign = dir.resolve("chunks").resolve("README");
    Files.writeString(foreign, "not a chunk");
    assertThat(store.sweepNow()).isEqualTo(1);
    assertThat(orphanPath).doesNotExist();
    assertThat(kept).exists();
    assertThat(foreign).exists();
    assertThat(get(store, "b", "k")).isEqualTo(data);
  }

  @Test
  void backgroundSweepAtOpenRemovesOldOrphansAndTmpIsEmptied() throws IOException {
    put(store, "b", "k", bytes(5000, 13));
    store.close();
    ChunkId orphan = ChunkId.random();
    Path orphanPath =
        dir.resolve("chunks")
            .resolve(orphan.hex().substring(0, 2))
            .resolve(orphan.hex().substring(2, 4))
            .resolve(orphan.hex());
    Files.createDirectories(orphanPath.getParent());
    Files.write(orphanPath, new byte[] {1});
    Files.setLastModifiedTime(orphanPath, java.nio.file.attribute.FileTime.fromMillis(1000));
    Files.write(dir.resolve("tmp").resolve("junk.tmp"), new byte[] {1});
    store = LocalStore.open(dir, TestSupport.smallOptions().withBackgroundSweep(true));
    assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    // The pass runs on its own thread right after open; closing would stop it early, so wait
    // (bounded) for it to reach the orphan.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (Files.exists(orphanPath) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    store.close();
    assertThat(orphanPath).doesNotExist();
    store = LocalStore.open(dir, TestSupport.smallOptions());
    assertThat(chunkFiles()).hasSize(1);
  }

  @Test
  void reopenKeepsEverything() throws IOException {
    byte[] big = bytes(5000, 14);
    byte[] small = bytes(20, 15);
    put(store, "b", "big", big);
    put(store, "b", "small", small);
    store.createBucket("c", "r");
    store.close();
    store = LocalStore.open(dir, TestSupport.smallOptions());
    assertThat(get(store, "b", "big")).isEqualTo(big);
    assertThat(get(store, "b", "small")).isEqualTo(small);
    assertThat(store.listBuckets()).hasSize(2);
    assertThat(store.list("b", new ListQuery("", null, null, 10)).objects())
        .extracting(ObjectInfo::key)
        .containsExactly("big", "small");
  }

  @Test
  void newerFormatIsRefused() throws IOException {
    store.close();
    Files.writeString(dir.resolve("FORMAT"), "dfs-local 99\n");
    assertThatThrownBy(() -> LocalStore.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("newer");
    Files.writeString(dir.resolve("FORMAT"), "dfs-local 1\n");
    store = LocalStore.open(dir, TestSupport.smallOptions());
    // a format-1 directory is readable as is and marked 2, so that older builds refuse it
    assertThat(Files.readString(dir.resolve("FORMAT"))).isEqualTo("dfs-local 2\n");
  }

  @Test
  void copyObject() throws IOException {
    byte[] data = bytes(5000, 16);
    put(store, "b", "src", data);
    ObjectMetadata md =
        new ObjectMetadata("image/png", null, null, null, null, null, Map.of("x", "y"), null);
    ObjectInfo copy =
        store.copyObject(
            CopyRequest.of("b", "src", new PutObjectRequest("b", "dst", -1, md, null, null, null)));
    assertThat(copy.etag()).isEqualTo(md5Hex(data));
    assertThat(get(store, "b", "dst")).isEqualTo(data);
    assertThat(store.head(ObjectRef.current("b", "dst")).orElseThrow().metadata()).isEqualTo(md);
    store.copyObject(
        CopyRequest.of("b", "dst", new PutObjectRequest("b", "dst", -1, null, null, null, null)));
    assertThat(get(store, "b", "dst")).isEqualTo(data);
    assertThat(chunkFiles()).hasSize(2);
    assertThatThrownBy(
            () ->
                store.copyObject(
                    CopyRequest.of("b", "missing", PutObjectRequest.simple("b", "x", -1))))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_KEY));
  }

  /** The bytes of bucket/key (or a range) as handed out in buffers by the stream's BufferSource. */
  private byte[] transfer(String key, ByteRange range) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (ObjectRead r = store.open(ReadRequest.of("b", key))) {
      InputStream in = r.stream(range);
      assertThat(in).isInstanceOf(ObjectRead.BufferSource.class);
      ((ObjectRead.BufferSource) in)
          .transferTo(
              buf -> {
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                out.write(b, 0, b.length);
              });
    }
    return out.toByteArray();
  }

  @Test
  void bufferTransferMatchesTheStreamForWholeObjectsAndRanges() throws IOException {
    byte[] data = bytes(5000, 21); // 1 KiB blocks here: 5 blocks, the last one short
    put(store, "b", "k", data);
    assertThat(transfer("k", null)).isEqualTo(data);
    long[][] ranges = {
      {0, 0}, {0, 1023}, {1023, 1024}, {1000, 4999}, {4096, 4999}, {4999, 4999}, {17, 3333}
    };
    for (long[] r : ranges) {
      assertThat(transfer("k", new ByteRange(r[0], r[1])))
          .as("%d-%d", r[0], r[1])
          .isEqualTo(Arrays.copyOfRange(data, (int) r[0], (int) r[1] + 1));
    }
  }

  @Test
  void bufferTransferPacksBlocksAcrossSeveralBufferLoads() throws IOException {
    // ~2.5 MiB in 1 KiB blocks: each buffer load holds about a thousand blocks, packed together
    byte[] data = bytes(2_600_000, 23);
    put(store, "b", "big", data);
    assertThat(transfer("big", null)).isEqualTo(data);
    long[][] ranges = {
      {1, 2_599_998}, {1_048_000, 1_049_999}, {1_000_001, 2_200_003}, {2_599_000, 2_599_999}
    };
    for (long[] r : ranges) {
      assertThat(transfer("big", new ByteRange(r[0], r[1])))
          .as("%d-%d", r[0], r[1])
          .isEqualTo(Arrays.copyOfRange(data, (int) r[0], (int) r[1] + 1));
    }
  }

  @Test
  void bufferTransferDetectsCorruptionBeforeHandingOutTheBlock() throws IOException {
    byte[] data = bytes(5000, 22);
    put(store, "b", "k", data);
    Path chunk = chunkFiles().get(0);
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      long pos = TestSupport.layout(chunk, 1024).blockOffset(3) + 5;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x01);
    }
    assertThatThrownBy(() -> transfer("k", null))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("fails its check in block 3");
    assertThatThrownBy(() -> transfer("k", new ByteRange(3100, 3200)))
        .hasMessageContaining("fails its check in block 3");
    assertThat(transfer("k", new ByteRange(0, 3071))).isEqualTo(Arrays.copyOf(data, 3072));
  }
}
