package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.crypto.BlockLayout;
import dev.dfs.crypto.DataKey;
import dev.dfs.store.ByteRange;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.CopyRequest;
import dev.dfs.store.DataEncryption;
import dev.dfs.store.KeyResolver;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PartCopyRequest;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.WriteCondition;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreEncryptionTest {
  @TempDir Path dir;
  private LocalStore store;
  private final DataKey key = DataKey.random();

  @BeforeEach
  void open() throws IOException {
    store = LocalStore.open(dir, TestSupport.smallOptions());
    store.createBucket("b", "us-east-1");
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private ObjectInfo putEncrypted(String k, byte[] data, boolean plainEtag) throws IOException {
    return store.putObject(
        new PutObjectRequest(
                "b",
                k,
                data.length,
                ObjectMetadata.empty(),
                TestSupport.md5(data),
                ChecksumAlgorithm.CRC32C,
                null)
            .withEncryption(new DataEncryption(key, plainEtag)),
        new ByteArrayInputStream(data));
  }

  private byte[] read(String k, ByteRange range, DataKey with) throws IOException {
    try (ObjectRead r = store.open(new ReadRequest("b", k, null, info -> with));
        InputStream in = r.stream(range)) {
      return in.readAllBytes();
    }
  }

  @Test
  void encryptedObjectsReportPlaintextSizeEtagAndChecksum() throws IOException {
    for (int size : new int[] {0, 1, 50, 5000, 3 * BlockLayout.BLOCK_SIZE + 7}) {
      byte[] data = TestSupport.bytes(size, size);
      ObjectInfo put = putEncrypted("k" + size, data, true);
      assertThat(put.size()).isEqualTo(size);
      assertThat(put.etag()).isEqualTo(TestSupport.md5Hex(data));
      assertThat(put.metadata().attribute(ObjectAttributes.CIPHER))
          .isEqualTo(ObjectAttributes.CIPHER_FORMAT);
      ObjectInfo plain = TestSupport.put(store, "b", "p" + size, data);
      assertThat(putEncrypted("c" + size, data, true).checksum()).isNotNull();
      assertThat(read("k" + size, null, key)).isEqualTo(data);
      assertThat(store.head(ObjectRef.current("b", "k" + size)).orElseThrow().size())
          .isEqualTo(plain.size());
      if (size > 10) {
        ByteRange r = new ByteRange(size / 3, size - 2);
        assertThat(read("k" + size, r, key))
            .isEqualTo(Arrays.copyOfRange(data, size / 3, size - 1));
      }
    }
  }

  @Test
  void opaqueEtagIsNotThePlaintextMd5() throws IOException {
    byte[] data = TestSupport.bytes(3000, 1);
    ObjectInfo put = putEncrypted("k", data, false);
    assertThat(put.etag()).isNotEqualTo(TestSupport.md5Hex(data)).hasSize(32);
    assertThat(read("k", null, key)).isEqualTo(data);
  }

  @Test
  void readingWithoutOrWithAWrongKeyFails() throws IOException {
    byte[] data = TestSupport.bytes(3000, 2);
    putEncrypted("k", data, true);
    assertThatThrownBy(() -> TestSupport.get(store, "b", "k"))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).error())
        .isEqualTo(StoreError.INVALID_ARGUMENT);
    assertThatThrownBy(() -> read("k", null, DataKey.random()))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).error())
        .isEqualTo(StoreError.CORRUPT_DATA);
  }

  @Test
  void tamperingWithAChunkFileIsCorruptDataNotGarbage() throws IOException {
    byte[] data = TestSupport.bytes(200_000, 3);
    putEncrypted("k", data, true);
    // rewrite one ciphertext byte and its chunk CRC so only the cipher can notice
    Path chunk;
    try (Stream<Path> s = Files.walk(dir.resolve("chunks"))) {
      chunk = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    flipAndFixCrc(chunk, 70_000);
    assertThatThrownBy(() -> read("k", null, key))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).error())
        .isEqualTo(StoreError.CORRUPT_DATA);
    // a range in an untouched block still reads
    assertThat(read("k", new ByteRange(0, 100), key)).isEqualTo(Arrays.copyOf(data, 101));
  }

  /** Flips a data byte of the 1 KiB-block chunk file and recomputes that block's check. */
  private static void flipAndFixCrc(Path chunk, long dataOffset) throws IOException {
    int bs = 1024;
    ChunkFormat.Layout layout = TestSupport.layout(chunk, bs);
    long block = dataOffset / bs;
    long blockPos = layout.blockOffset(block);
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      byte[] b = new byte[bs];
      f.seek(blockPos);
      f.readFully(b);
      b[(int) (dataOffset % bs)] ^= 1;
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(b);
      f.seek(blockPos);
      f.write(b);
      f.writeInt((int) crc.getValue() ^ layout.tag(block));
    }
  }

  @Test
  void multipartPartsAreEncryptedAndRangesSpanThem() throws IOException {
    ObjectMetadata md =
        ObjectMetadata.empty()
            .withAttributes(Map.of(ObjectAttributes.CIPHER, ObjectAttributes.CIPHER_FORMAT));
    String id = store.createUpload("b", "m", md, null, null).uploadId();
    byte[] p1 = TestSupport.bytes(3000, 4);
    DataEncryption enc = new DataEncryption(key, true);
    assertThatThrownBy(
            () ->
                store.uploadPart(
                    new PartUploadRequest("b", "m", id, 1, p1.length, null, null),
                    new ByteArrayInputStream(p1)))
        .isInstanceOf(StoreException.class);
    PartInfo a =
        store.uploadPart(
            new PartUploadRequest("b", "m", id, 1, p1.length, null, null, enc),
            new ByteArrayInputStream(p1));
    byte[] src = TestSupport.bytes(5000, 6);
    putEncrypted("src", src, true);
    PartInfo b =
        store.uploadPartCopy(
            new PartCopyRequest(
                new PartUploadRequest("b", "m", id, 2, -1, null, null, enc),
                new ReadRequest("b", "src", null, info -> key),
                new ByteRange(100, 799)));
    assertThat(a.size()).isEqualTo(3000);
    assertThat(b.etag()).isEqualTo(TestSupport.md5Hex(Arrays.copyOfRange(src, 100, 800)));
    ObjectInfo done =
        store.completeUpload(
            "b",
            "m",
            id,
            List.of(new CompletedPart(1, a.etag(), null), new CompletedPart(2, b.etag(), null)),
            WriteCondition.NONE);
    assertThat(done.size()).isEqualTo(3700);
    byte[] whole = new byte[3700];
    System.arraycopy(p1, 0, whole, 0, 3000);
    System.arraycopy(src, 100, whole, 3000, 700);
    assertThat(read("m", null, key)).isEqualTo(whole);
    assertThat(read("m", new ByteRange(2990, 3010), key))
        .isEqualTo(Arrays.copyOfRange(whole, 2990, 3011));
  }

  @Test
  void copyDecryptsTheSourceAndEncryptsTheTargetAsAsked() throws IOException {
    byte[] data = TestSupport.bytes(4000, 7);
    putEncrypted("s", data, true);
    DataKey other = DataKey.random();
    store.copyObject(
        new CopyRequest(
            new ReadRequest("b", "s", null, info -> key),
            PutObjectRequest.simple("b", "t", -1).withEncryption(new DataEncryption(other, true))));
    assertThat(read("t", null, other)).isEqualTo(data);
    ObjectInfo plain =
        store.copyObject(
            new CopyRequest(
                new ReadRequest("b", "t", null, info -> other),
                PutObjectRequest.simple("b", "u", -1)));
    assertThat(plain.metadata().attributes()).doesNotContainKey(ObjectAttributes.CIPHER);
    assertThat(TestSupport.get(store, "b", "u")).isEqualTo(data);
    assertThat(read("u", null, KeyResolver.NONE.keyFor(null))).isEqualTo(data);
  }
}
