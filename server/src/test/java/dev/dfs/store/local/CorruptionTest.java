package dev.dfs.store.local;

import static dev.dfs.store.local.TestSupport.bytes;
import static dev.dfs.store.local.TestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.dfs.store.ByteRange;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.WriteCondition;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged storage never reads back as wrong bytes: every kind of damage makes the read fail with
 * CORRUPT_DATA (naming bucket, key and chunk) before a wrong byte is handed out, through both the
 * stream and the buffer-transfer path, whole and ranged; bytes handed out before the failure are
 * always a correct prefix. 1 KiB blocks: a 5000-byte object has 5 blocks.
 */
class CorruptionTest {
  private static final int SIZE = 5000;
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

  @Test
  void flippedBitFailsReadsThatTouchItsBlockOnly() throws IOException {
    byte[] data = putChunked("k", 1);
    Damage.flipDataBit(chunk("k"), 2100); // block 2
    refusedEverywhere("k", data, new ByteRange(2048, 2100), "fails its check in block 2");
    assertThat(read("k", new ByteRange(0, 2047), false)).isEqualTo(Arrays.copyOf(data, 2048));
    assertThat(read("k", new ByteRange(3072, SIZE - 1), true))
        .isEqualTo(Arrays.copyOfRange(data, 3072, SIZE));
  }

  @Test
  void truncatedFileFailsEveryRead() throws IOException {
    byte[] data = putChunked("k", 2);
    Damage.truncate(chunk("k"), 1);
    refusedEverywhere("k", data, new ByteRange(0, 10), "expected");
  }

  @Test
  void blocksSwappedWithTheirChecksFail() throws IOException {
    byte[] data = putChunked("k", 3);
    Damage.swapBlocks(chunk("k"), 1, 2);
    refusedEverywhere("k", data, new ByteRange(1024, 1030), "fails its check in block 1");
    refused("k", data, new ByteRange(2048, 2050), true, "fails its check in block 2");
  }

  @Test
  void chunkFilesSwappedBetweenObjectsOfTheSameLengthFail() throws IOException {
    byte[] a = putChunked("a", 4);
    byte[] b = putChunked("b2", 5);
    Damage.swapFiles(chunk("a"), chunk("b2"));
    refusedEverywhere("a", a, new ByteRange(3000, 3001), "misplaced file");
    refusedEverywhere("b2", b, new ByteRange(3000, 3001), "misplaced file");
  }

  @Test
  void blocksCopiedFromAnotherChunkUnderTheRightHeaderFail() throws IOException {
    byte[] a = putChunked("a", 6);
    putChunked("b2", 7);
    Damage.copyBlocksOnly(chunk("b2"), chunk("a"));
    refusedEverywhere("a", a, new ByteRange(4500, 4600), "fails its check in block");
    refused("a", a, new ByteRange(4500, 4600), false, "fails its check in block 4");
  }

  @Test
  void missingChunkFileFails() throws IOException {
    byte[] data = putChunked("k", 8);
    Files.delete(chunk("k"));
    refusedEverywhere("k", data, new ByteRange(5, 6), "is missing");
  }

  @Test
  void missingSecondPartFailsBeforeItsFirstByteAndTheFirstPartStillReads() throws IOException {
    UploadInfo u = store.createUpload("b", "mp", ObjectMetadata.empty(), null, null);
    byte[] p1 = bytes(3000, 9);
    byte[] p2 = bytes(2500, 10);
    store.uploadPart(
        new PartUploadRequest("b", "mp", u.uploadId(), 1, p1.length, null, null),
        new ByteArrayInputStream(p1));
    store.uploadPart(
        new PartUploadRequest("b", "mp", u.uploadId(), 2, p2.length, null, null),
        new ByteArrayInputStream(p2));
    store.completeUpload(
        "b",
        "mp",
        u.uploadId(),
        List.of(
            new CompletedPart(1, TestSupport.md5Hex(p1), null),
            new CompletedPart(2, TestSupport.md5Hex(p2), null)),
        WriteCondition.NONE);
    byte[] whole = new byte[5500];
    System.arraycopy(p1, 0, whole, 0, 3000);
    System.arraycopy(p2, 0, whole, 3000, 2500);
    Files.delete(Damage.chunkFiles(store, "b", "mp").get(1));
    refusedEverywhere("mp", whole, new ByteRange(2990, 3010), "is missing");
    assertThat(read("mp", new ByteRange(0, 2999), true)).isEqualTo(p1);
  }

  @Test
  void damagedInlineValueFails() throws IOException {
    byte[] data = bytes(80, 11);
    put(store, "b", "small", data);
    Damage.flipInlineBit(store, "b", "small");
    refusedEverywhere("small", data, new ByteRange(1, 2), "inline data fails its CRC32C");
  }

  @Test
  void inlineValueOfAnotherObjectOfTheSameLengthFails() throws IOException {
    byte[] data = bytes(80, 12);
    put(store, "b", "small", data);
    put(store, "b", "other", bytes(80, 13));
    Damage.copyInlineValue(store, "b", "other", "small");
    refusedEverywhere("small", data, new ByteRange(1, 2), "inline data fails its CRC32C");
  }

  @Test
  void recordThatDoesNotDecodeFailsReadsAndHeadButListingsGoOn() throws IOException {
    putChunked("k", 14);
    putChunked("k2", 15);
    Damage.breakRecord(store, "b", "k");
    assertThatThrownBy(() -> store.open(ReadRequest.of("b", "k")))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.error()).isEqualTo(StoreError.CORRUPT_DATA);
              assertThat(e.getMessage()).contains("b/k: its record does not decode");
            });
    assertThatThrownBy(() -> store.head(ObjectRef.current("b", "k")))
        .isInstanceOf(StoreException.class);
    assertThat(store.list("b", new dev.dfs.store.ListQuery("", null, null, 1000)).objects())
        .extracting(dev.dfs.store.ObjectInfo::key)
        .containsExactly("k2");
    assertThat(store.head(ObjectRef.current("b", "k2"))).isPresent();
  }

  @Test
  void wholeReadIsCheckedAgainstTheRecordsChecksumBeforeItsLastBytes() throws IOException {
    for (ChecksumAlgorithm alg : List.of(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32)) {
      byte[] a = bytes(SIZE, 16);
      store.putObject(
          new PutObjectRequest("b", "a", SIZE, null, null, alg, null), new ByteArrayInputStream(a));
      putChunked("other", 17);
      // a record that decodes but points at another object's (intact) chunk
      Damage.pointAtChunksOf(store, "b", "other", "a");
      // blocks that pass their own checks may go out, but never the last: the read stays short
      refusedShort("a", SIZE, false, "whole object's " + alg);
      refusedShort("a", SIZE, true, "whole object's " + alg);
      assertThat(store.head(ObjectRef.current("b", "a")).orElseThrow().size()).isEqualTo(SIZE);
    }
  }

  @Test
  void wholeReadsOfIntactObjectsPassTheChecksumCheck() throws IOException {
    for (ChecksumAlgorithm alg : List.of(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32)) {
      for (int size : new int[] {80, 1024, 4096, SIZE, 40_000}) {
        byte[] data = bytes(size, size);
        store.putObject(
            new PutObjectRequest("b", "ok", size, null, null, alg, null),
            new ByteArrayInputStream(data));
        assertThat(read("ok", null, false)).isEqualTo(data);
        assertThat(read("ok", null, true)).isEqualTo(data);
      }
    }
  }

  @Test
  void version1ChunkFilesStayReadableAndVerified() throws IOException {
    byte[] data = putChunked("k", 18);
    Path chunk = chunk("k");
    Damage.rewriteAsVersion1(chunk);
    assertThat(Files.size(chunk)).isEqualTo(16 + SIZE + 5 * 4);
    assertThat(read("k", null, false)).isEqualTo(data);
    assertThat(read("k", null, true)).isEqualTo(data);
    assertThat(read("k", new ByteRange(1000, 4000), true))
        .isEqualTo(Arrays.copyOfRange(data, 1000, 4001));
    Damage.flipDataBit(chunk, 10);
    refusedEverywhere("k", data, new ByteRange(0, 0), "fails its check in block 0");
  }

  @Test
  void version1InlineValuesStayReadable() throws IOException {
    ChunkId id = ChunkId.random();
    byte[] data = bytes(50, 19);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(data);
    byte[] v1 = new BinWriter().u8(1).i32((int) crc.getValue()).bytes(data).toByteArray();
    Records.InlineData d = RecordCodec.decodeInline(id, v1);
    assertThat(d.crc32c()).isEqualTo((int) crc.getValue());
    assertThat(RecordCodec.decodeInline(id, RecordCodec.encode(id, d)).crc32c())
        .isEqualTo(d.crc32c());
    assertThat(RecordCodec.decodeInline(id, RecordCodec.encode(id, d)).data()).isEqualTo(data);
    assertThat(RecordCodec.decodeInline(ChunkId.random(), RecordCodec.encode(id, d)).crc32c())
        .isNotEqualTo(d.crc32c());
  }

  // ---- helpers ----

  private byte[] putChunked(String key, long seed) throws IOException {
    byte[] data = bytes(SIZE, seed);
    put(store, "b", key, data);
    return data;
  }

  private Path chunk(String key) throws IOException {
    return Damage.chunkFiles(store, "b", key).get(0);
  }

  /** Whole and {@code range}, stream and transfer: each fails with {@code message}. */
  private void refusedEverywhere(String key, byte[] data, ByteRange range, String message) {
    for (boolean transfer : new boolean[] {false, true}) {
      refused(key, data, null, transfer, message);
      refused(key, data, range, transfer, message);
    }
  }

  private void refused(String key, byte[] data, ByteRange range, boolean transfer, String message) {
    byte[] got =
        refusedShort(key, range == null ? data.length : range.length(), range, transfer, message);
    long first = range == null ? 0 : range.first();
    assertThat(got)
        .as("bytes handed out before the failure")
        .isEqualTo(Arrays.copyOfRange(data, (int) first, (int) first + got.length));
  }

  private void refusedShort(String key, long size, boolean transfer, String message) {
    refusedShort(key, size, null, transfer, message);
  }

  /**
   * The read fails with CORRUPT_DATA and {@code message}, having handed out fewer bytes than
   * wanted.
   */
  private byte[] refusedShort(
      String key, long wanted, ByteRange range, boolean transfer, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      read(key, range, transfer, out);
      fail("read of %s %s returned %d bytes", key, range, out.size());
    } catch (StoreException e) {
      assertThat(e.error()).isEqualTo(StoreError.CORRUPT_DATA);
      assertThat(e.getMessage()).startsWith("b/" + key + ": ").contains(message);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    byte[] got = out.toByteArray();
    assertThat(got.length).as("bytes handed out before the failure").isLessThan((int) wanted);
    return got;
  }

  private byte[] read(String key, ByteRange range, boolean transfer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    read(key, range, transfer, out);
    return out.toByteArray();
  }

  private void read(String key, ByteRange range, boolean transfer, ByteArrayOutputStream out)
      throws IOException {
    try (ObjectRead r = store.open(ReadRequest.of("b", key))) {
      InputStream in = r.stream(range);
      if (transfer && in instanceof ObjectRead.BufferSource source) { // inline data is not one
        source.transferTo(
            buf -> {
              byte[] b = new byte[buf.remaining()];
              buf.get(b);
              out.write(b, 0, b.length);
            });
      } else {
        byte[] b = new byte[700];
        for (int n; (n = in.read(b)) > 0; ) out.write(b, 0, n);
      }
    }
  }
}
