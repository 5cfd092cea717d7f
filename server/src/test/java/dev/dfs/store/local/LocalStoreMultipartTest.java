package dev.dfs.store.local;

import static dev.dfs.store.local.TestSupport.bytes;
import static dev.dfs.store.local.TestSupport.filesUnder;
import static dev.dfs.store.local.TestSupport.get;
import static dev.dfs.store.local.TestSupport.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ByteRange;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PartCopyRequest;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.WriteCondition;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreMultipartTest {
  @TempDir Path dir;
  LocalStore store;

  @BeforeEach
  void open() throws IOException {
    store = LocalStore.open(dir, TestSupport.smallOptions()); // min part size 2048
    store.createBucket("b", "us-east-1");
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private PartInfo part(UploadInfo u, int n, byte[] data) throws IOException {
    return store.uploadPart(
        new PartUploadRequest("b", u.key(), u.uploadId(), n, data.length, null, null),
        new ByteArrayInputStream(data));
  }

  private static void refused(StoreError error, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
  }

  private int chunkCount() throws IOException {
    return filesUnder(dir.resolve("chunks")).size();
  }

  @Test
  void completeJoinsPartsWithS3Etag() throws IOException {
    ObjectMetadata md =
        new ObjectMetadata("video/mp4", null, null, null, null, null, Map.of("k", "v"), null);
    UploadInfo u = store.createUpload("b", "big", md, null, null);
    byte[] p1 = bytes(3000, 1), p2 = bytes(2048, 2), p3 = bytes(10, 3);
    PartInfo i1 = part(u, 1, p1);
    part(u, 2, p2);
    PartInfo i3 = part(u, 3, p3);
    assertThat(i1.etag()).isEqualTo(TestSupport.md5Hex(p1));
    assertThat(i3.size()).isEqualTo(10);
    ObjectInfo info =
        store.completeUpload(
            "b",
            "big",
            u.uploadId(),
            List.of(
                new CompletedPart(1, "\"" + TestSupport.md5Hex(p1) + "\"", null),
                new CompletedPart(2, TestSupport.md5Hex(p2), null),
                new CompletedPart(
                    3, TestSupport.md5Hex(p3).toUpperCase(java.util.Locale.ROOT), null)),
            WriteCondition.NONE);

    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    md5s.writeBytes(md5(p1));
    md5s.writeBytes(md5(p2));
    md5s.writeBytes(md5(p3));
    assertThat(info.etag()).isEqualTo(HexFormat.of().formatHex(md5(md5s.toByteArray())) + "-3");
    assertThat(info.partSizes()).containsExactly(3000L, 2048L, 10L);
    assertThat(info.size()).isEqualTo(5058);
    byte[] all = concat(p1, p2, p3);
    assertThat(get(store, "b", "big")).isEqualTo(all);
    // ranges across part boundaries
    for (long[] r :
        new long[][] {{2990, 3010}, {0, 5057}, {3000, 5047}, {5048, 5057}, {1024, 4100}}) {
      assertThat(get(store, "b", "big", new ByteRange(r[0], r[1])))
          .isEqualTo(Arrays.copyOfRange(all, (int) r[0], (int) r[1] + 1));
    }
    ObjectInfo head = store.head(ObjectRef.current("b", "big")).orElseThrow();
    assertThat(head.metadata().withAttributes(java.util.Map.of())).isEqualTo(md);
    assertThat(head.metadata().attribute(dev.dfs.store.ObjectAttributes.COMPLETED_UPLOAD))
        .isEqualTo(u.uploadId());
    assertThat(store.completedUpload("b", "big", u.uploadId())).contains(head);
    assertThat(head.partCount()).isEqualTo(3);
    assertThat(store.upload("b", "big", u.uploadId())).isEmpty();
    assertThat(chunkCount()).isEqualTo(3);
    store.delete(ObjectRef.current("b", "big"), null);
    assertThat(chunkCount()).isZero();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  @Test
  void completeRefusals() throws IOException {
    UploadInfo u = store.createUpload("b", "k", null, null, null);
    byte[] small = bytes(100, 1), big = bytes(3000, 2);
    part(u, 1, small);
    part(u, 2, big);
    part(u, 3, big);
    String e1 = TestSupport.md5Hex(small), e2 = TestSupport.md5Hex(big);
    refused(
        StoreError.INVALID_PART,
        () ->
            store.completeUpload(
                "b",
                "k",
                u.uploadId(),
                List.of(new CompletedPart(2, e2, null), new CompletedPart(4, e2, null)),
                WriteCondition.NONE));
    refused(
        StoreError.INVALID_PART,
        () ->
            store.completeUpload(
                "b",
                "k",
                u.uploadId(),
                List.of(new CompletedPart(2, e1, null)),
                WriteCondition.NONE));
    refused(
        StoreError.INVALID_PART_ORDER,
        () ->
            store.completeUpload(
                "b",
                "k",
                u.uploadId(),
                List.of(new CompletedPart(3, e2, null), new CompletedPart(2, e2, null)),
                WriteCondition.NONE));
    refused(
        StoreError.INVALID_PART_ORDER,
        () ->
            store.completeUpload(
                "b",
                "k",
                u.uploadId(),
                List.of(new CompletedPart(2, e2, null), new CompletedPart(2, e2, null)),
                WriteCondition.NONE));
    refused(
        StoreError.ENTITY_TOO_SMALL,
        () ->
            store.completeUpload(
                "b",
                "k",
                u.uploadId(),
                List.of(new CompletedPart(1, e1, null), new CompletedPart(2, e2, null)),
                WriteCondition.NONE));
    refused(
        StoreError.NO_SUCH_UPLOAD,
        () ->
            store.completeUpload(
                "b", "k", "nope", List.of(new CompletedPart(2, e2, null)), WriteCondition.NONE));
    refused(
        StoreError.NO_SUCH_UPLOAD,
        () ->
            store.completeUpload(
                "b",
                "other",
                u.uploadId(),
                List.of(new CompletedPart(2, e2, null)),
                WriteCondition.NONE));
    assertThat(store.head(ObjectRef.current("b", "k"))).isEmpty();
    // a small last part is fine; part 1 is not named and gets freed
    ObjectInfo info =
        store.completeUpload(
            "b",
            "k",
            u.uploadId(),
            List.of(new CompletedPart(2, e2, null), new CompletedPart(3, e2, null)),
            WriteCondition.NONE);
    assertThat(info.size()).isEqualTo(6000);
    assertThat(chunkCount()).isEqualTo(2);
    assertThat(get(store, "b", "k")).isEqualTo(concat(big, big));
    refused(StoreError.NO_SUCH_UPLOAD, () -> part(u, 1, small));
  }

  @Test
  void partReplacementAndListParts() throws IOException {
    UploadInfo u = store.createUpload("b", "k", null, null, null);
    for (int n = 1; n <= 5; n++) part(u, n, bytes(2100, n));
    part(u, 2, bytes(2200, 99));
    assertThat(chunkCount()).isEqualTo(5);
    PartsPage page = store.listParts("b", "k", u.uploadId(), 0, 2);
    assertThat(page.parts()).extracting(PartInfo::partNumber).containsExactly(1, 2);
    assertThat(page.parts().get(1).size()).isEqualTo(2200);
    assertThat(page.truncated()).isTrue();
    assertThat(page.nextPartNumberMarker()).isEqualTo(2);
    page = store.listParts("b", "k", u.uploadId(), 2, 10);
    assertThat(page.parts()).extracting(PartInfo::partNumber).containsExactly(3, 4, 5);
    assertThat(page.truncated()).isFalse();
    assertThat(page.upload().uploadId()).isEqualTo(u.uploadId());
    refused(StoreError.NO_SUCH_UPLOAD, () -> store.listParts("b", "k", "zzz", 0, 10));
    refused(StoreError.INVALID_ARGUMENT, () -> part(u, 10_001, new byte[1]));
  }

  @Test
  void abortFreesParts() throws IOException {
    UploadInfo u = store.createUpload("b", "k", null, null, null);
    part(u, 1, bytes(3000, 1));
    part(u, 2, bytes(3000, 2));
    assertThat(chunkCount()).isEqualTo(2);
    store.abortUpload("b", "k", u.uploadId());
    assertThat(chunkCount()).isZero();
    assertThat(store.upload("b", "k", u.uploadId())).isEmpty();
    refused(StoreError.NO_SUCH_UPLOAD, () -> store.abortUpload("b", "k", u.uploadId()));
    store.deleteBucket("b");
  }

  @Test
  void deleteBucketAbortsOpenUploadsAndFreesTheirParts() throws IOException {
    UploadInfo u = store.createUpload("b", "dir/k", null, null, null);
    part(u, 1, bytes(3000, 1));
    part(u, 2, bytes(3000, 2));
    assertThat(chunkCount()).isEqualTo(2);
    store.deleteBucket("b");
    assertThat(chunkCount()).isZero();
    store.createBucket("b", "r");
    assertThat(store.upload("b", "dir/k", u.uploadId())).isEmpty();
  }

  @Test
  void listUploadsOrderedWithMarkersAndPrefixes() throws IOException {
    List<UploadInfo> made = new ArrayList<>();
    for (String k : List.of("b", "a", "dir/x", "dir/y", "a", "c", "dir2/z")) {
      made.add(store.createUpload("b", k, null, null, null));
    }
    UploadsPage all = store.listUploads("b", new UploadsQuery("", null, null, null, 1000));
    assertThat(all.uploads())
        .extracting(UploadInfo::key)
        .containsExactly("a", "a", "b", "c", "dir/x", "dir/y", "dir2/z");
    // two uploads of "a" in initiation order
    assertThat(all.uploads().get(0).uploadId()).isEqualTo(made.get(1).uploadId());
    assertThat(all.uploads().get(1).uploadId()).isEqualTo(made.get(4).uploadId());

    UploadsPage p1 = store.listUploads("b", new UploadsQuery("", null, null, null, 3));
    assertThat(p1.truncated()).isTrue();
    assertThat(p1.nextKeyMarker()).isEqualTo("b");
    UploadsPage p2 =
        store.listUploads(
            "b", new UploadsQuery("", null, p1.nextKeyMarker(), p1.nextUploadIdMarker(), 3));
    assertThat(p2.uploads()).extracting(UploadInfo::key).containsExactly("c", "dir/x", "dir/y");
    // key marker plus upload id marker inside the uploads of one key
    UploadsPage mid =
        store.listUploads("b", new UploadsQuery("", null, "a", made.get(1).uploadId(), 10));
    assertThat(mid.uploads().get(0).uploadId()).isEqualTo(made.get(4).uploadId());
    // key marker alone skips every upload of that key
    assertThat(store.listUploads("b", new UploadsQuery("", null, "a", null, 10)).uploads())
        .extracting(UploadInfo::key)
        .startsWith("b");

    UploadsPage delim = store.listUploads("b", new UploadsQuery("", "/", null, null, 1000));
    assertThat(delim.uploads()).extracting(UploadInfo::key).containsExactly("a", "a", "b", "c");
    assertThat(delim.commonPrefixes()).containsExactly("dir/", "dir2/");
    UploadsPage pre = store.listUploads("b", new UploadsQuery("dir/", "/", null, null, 1000));
    assertThat(pre.uploads()).extracting(UploadInfo::key).containsExactly("dir/x", "dir/y");
    UploadsPage cpPage = store.listUploads("b", new UploadsQuery("", "/", null, null, 5));
    assertThat(cpPage.commonPrefixes()).containsExactly("dir/");
    assertThat(cpPage.nextKeyMarker()).isEqualTo("dir/");
    UploadsPage rest =
        store.listUploads(
            "b", new UploadsQuery("", "/", cpPage.nextKeyMarker(), cpPage.nextUploadIdMarker(), 5));
    assertThat(rest.uploads()).isEmpty();
    assertThat(rest.commonPrefixes()).containsExactly("dir2/");
    assertThat(rest.truncated()).isFalse();
  }

  @Test
  void compositeAndFullObjectChecksums() throws IOException {
    byte[] p1 = bytes(3000, 1), p2 = bytes(2500, 2);
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      UploadInfo u = store.createUpload("b", "c-" + alg, null, alg, null);
      assertThat(u.checksumType()).isEqualTo(Checksum.Type.COMPOSITE);
      PartInfo i1 = part(u, 1, p1);
      PartInfo i2 = part(u, 2, p2);
      assertThat(i1.checksum().base64()).isEqualTo(sum(alg, p1));
      ObjectInfo o =
          store.completeUpload(
              "b",
              u.key(),
              u.uploadId(),
              List.of(
                  new CompletedPart(1, i1.etag(), i1.checksum().base64()),
                  new CompletedPart(2, i2.etag(), null)),
              WriteCondition.NONE);
      byte[] raw =
          concat(
              Base64.getDecoder().decode(sum(alg, p1)), Base64.getDecoder().decode(sum(alg, p2)));
      assertThat(o.checksum())
          .isEqualTo(new Checksum(alg, sum(alg, raw) + "-2", Checksum.Type.COMPOSITE));
    }
    for (ChecksumAlgorithm alg :
        List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME)) {
      UploadInfo u = store.createUpload("b", "f-" + alg, null, alg, Checksum.Type.FULL_OBJECT);
      PartInfo i1 = part(u, 1, p1);
      PartInfo i2 = part(u, 2, p2);
      PartInfo i3 = part(u, 3, new byte[0]);
      ObjectInfo o =
          store.completeUpload(
              "b",
              u.key(),
              u.uploadId(),
              List.of(
                  new CompletedPart(1, i1.etag(), null),
                  new CompletedPart(2, i2.etag(), null),
                  new CompletedPart(3, i3.etag(), null)),
              WriteCondition.NONE);
      assertThat(o.checksum())
          .isEqualTo(new Checksum(alg, sum(alg, concat(p1, p2)), Checksum.Type.FULL_OBJECT));
    }
    UploadInfo u = store.createUpload("b", "x", null, ChecksumAlgorithm.SHA1, null);
    PartInfo i1 = part(u, 1, p1);
    refused(
        StoreError.INVALID_PART,
        () ->
            store.completeUpload(
                "b",
                "x",
                u.uploadId(),
                List.of(new CompletedPart(1, i1.etag(), "AAAA")),
                WriteCondition.NONE));
    refused(
        StoreError.BAD_DIGEST,
        () ->
            store.uploadPart(
                new PartUploadRequest("b", "x", u.uploadId(), 2, p1.length, null, () -> "AAAA"),
                new ByteArrayInputStream(p1)));
    refused(
        StoreError.BAD_DIGEST,
        () ->
            store.uploadPart(
                new PartUploadRequest("b", "x", u.uploadId(), 2, p1.length, md5(p2), null),
                new ByteArrayInputStream(p1)));
    refused(
        StoreError.INVALID_ARGUMENT,
        () ->
            store.createUpload(
                "b", "y", null, ChecksumAlgorithm.SHA256, Checksum.Type.FULL_OBJECT));
  }

  static String sum(ChecksumAlgorithm alg, byte[] data) {
    var c = alg.newChecksum();
    c.update(data, 0, data.length);
    return c.finishBase64();
  }

  @Test
  void uploadPartCopyAndReopen() throws IOException {
    byte[] src = bytes(5000, 7);
    TestSupport.put(store, "b", "src", src);
    UploadInfo u = store.createUpload("b", "dst", null, null, null);
    PartInfo c1 =
        store.uploadPartCopy(
            PartCopyRequest.of(
                new PartUploadRequest("b", "dst", u.uploadId(), 1, -1, null, null),
                "b",
                "src",
                new ByteRange(0, 2999)));
    PartInfo c2 =
        store.uploadPartCopy(
            PartCopyRequest.of(
                new PartUploadRequest("b", "dst", u.uploadId(), 2, -1, null, null),
                "b",
                "src",
                null));
    assertThat(c1.size()).isEqualTo(3000);
    store.close();
    store = LocalStore.open(dir, TestSupport.smallOptions());
    assertThat(store.upload("b", "dst", u.uploadId())).isPresent();
    store.completeUpload(
        "b",
        "dst",
        u.uploadId(),
        List.of(new CompletedPart(1, c1.etag(), null), new CompletedPart(2, c2.etag(), null)),
        WriteCondition.NONE);
    assertThat(get(store, "b", "dst")).isEqualTo(concat(Arrays.copyOf(src, 3000), src));
    assertThat(store.sweepNow()).isZero();
    store.close();
    store = LocalStore.open(dir, TestSupport.smallOptions());
    assertThat(get(store, "b", "dst")).isEqualTo(concat(Arrays.copyOf(src, 3000), src));
  }
}
