package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.local.Records.PartRecord;
import dev.dfs.store.local.Records.UploadRecord;
import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.CrcCombine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CodecTest {
  @Test
  void objectRecordRoundTrips() {
    ObjectMetadata md =
        new ObjectMetadata("a", null, "c", null, "e", null, Map.of("x", "y", "ü", ""), "GLACIER");
    Checksum ck =
        new Checksum(ChecksumAlgorithm.CRC64NVME, "AAAAAAAAAAA=", Checksum.Type.FULL_OBJECT);
    ObjectRecord chunked =
        new ObjectRecord(
            1L << 40,
            "abc-2",
            1234567890123L,
            md,
            ck,
            List.of(5L, 7L),
            null,
            List.of(new ChunkRef(ChunkId.random(), 5), new ChunkRef(ChunkId.random(), 7)));
    assertThat(RecordCodec.decodeObject(RecordCodec.encode(chunked))).isEqualTo(chunked);
    ObjectRecord inline =
        new ObjectRecord(
            0,
            "d41d8cd98f00b204e9800998ecf8427e",
            1,
            ObjectMetadata.empty(),
            null,
            List.of(),
            ChunkId.random(),
            List.of());
    byte[] enc = RecordCodec.encode(inline);
    assertThat(enc[0]).isEqualTo((byte) RecordCodec.V4);
    assertThat(RecordCodec.decodeObject(enc)).isEqualTo(inline);
    enc[0] = 9;
    assertThatThrownBy(() -> RecordCodec.decodeObject(enc)).hasMessageContaining("version 9");

    UploadRecord u = new UploadRecord(42, md, ChecksumAlgorithm.SHA1, Checksum.Type.COMPOSITE);
    assertThat(RecordCodec.decodeUpload(RecordCodec.encode(u))).isEqualTo(u);
    PartRecord p = new PartRecord(9, new byte[16], 77, null, ChunkId.random());
    PartRecord back = RecordCodec.decodePart(RecordCodec.encode(p));
    assertThat(back.chunk()).isEqualTo(p.chunk());
    assertThat(back.checksum()).isNull();
  }

  @Test
  void keysSortByBucketThenKeyBytes() {
    byte[] a = KeyCodec.object("b", "a");
    byte[] ab = KeyCodec.object("b", "a/b");
    byte[] other = KeyCodec.object("b2", "a");
    assertThat(Arrays.compareUnsigned(a, ab)).isNegative();
    assertThat(Arrays.compareUnsigned(ab, other)).isNegative();
    byte[] cp = KeyCodec.concat(KeyCodec.bucketPrefix("b"), "a/".getBytes(StandardCharsets.UTF_8));
    assertThat(
            Arrays.compareUnsigned(KeyCodec.pastPrefix(cp), KeyCodec.object("b", "a/\uFFFF\uFFFF")))
        .isPositive();
    assertThat(KeyCodec.upperBound(new byte[] {1, (byte) 0xFF})).containsExactly(2);
    assertThat(KeyCodec.upperBound(new byte[] {(byte) 0xFF})).isNull();
    assertThat(KeyCodec.partNumberOf(KeyCodec.part("id", 10_000))).isEqualTo(10_000);
    assertThatThrownBy(() -> KeyCodec.objectKeyBytes("bad\uD800"))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void chunkIdHexRoundTrip() {
    ChunkId id = ChunkId.random();
    assertThat(ChunkId.parseHex(id.hex())).isEqualTo(id);
    assertThat(ChunkId.fromBytes(id.bytes())).isEqualTo(id);
    assertThat(ChunkId.parseHex("README")).isNull();
    assertThat(id.hex()).hasSize(32);
  }

  @Property(tries = 200, seed = "99")
  void crcCombineEqualsCrcOfConcatenation(
      @ForAll @Size(max = 300) byte[] a,
      @ForAll @Size(max = 300) byte[] b,
      @ForAll @IntRange(min = 0, max = 2) int which) {
    ChecksumAlgorithm alg =
        List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME)
            .get(which);
    CrcCombine c = CrcCombine.of(alg);
    byte[] ab = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, ab, a.length, b.length);
    long combined = c.combine(c.fromBytes(crc(alg, a)), c.fromBytes(crc(alg, b)), b.length);
    assertThat(c.toBytes(combined)).isEqualTo(crc(alg, ab));
  }

  private static byte[] crc(ChecksumAlgorithm alg, byte[] data) {
    var r = alg.newChecksum();
    r.update(data, 0, data.length);
    return r.finish();
  }

  /** Records written by the first format (no tags) still read, with an empty tag set. */
  @Test
  void version1ObjectRecordsStillDecode() {
    BinWriter w = new BinWriter().u8(RecordCodec.V1).varint(3).str("etag").i64(99);
    w.str("text/plain").str(null).str(null).str(null).str(null).str(null).str(null);
    w.varint(1).str("k").str("v");
    w.u8(0); // no checksum
    w.varint(0); // no parts
    ChunkId id = ChunkId.random();
    w.u8(0).raw(id.bytes()); // inline
    ObjectRecord r = RecordCodec.decodeObject(w.toByteArray());
    assertThat(r.size()).isEqualTo(3);
    assertThat(r.metadata().userMetadata()).containsEntry("k", "v");
    assertThat(r.metadata().tags()).isEmpty();
    assertThat(r.inlineId()).isEqualTo(id);
  }

  @Test
  void tagsRoundTrip() {
    ObjectMetadata md = ObjectMetadata.empty().withTags(Map.of("b", "2", "a", "1"));
    ObjectRecord rec =
        new ObjectRecord(0, "e", 1, md, null, List.of(), ChunkId.random(), List.of());
    assertThat(RecordCodec.decodeObject(RecordCodec.encode(rec)).metadata().tags())
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void attributesRoundTripBesideTags() {
    ObjectMetadata md =
        ObjectMetadata.empty()
            .withTags(Map.of("t", "1"))
            .withAttributes(Map.of("z", "last", "a", "first"));
    ObjectRecord rec =
        new ObjectRecord(0, "e", 1, md, null, List.of(), ChunkId.random(), List.of());
    ObjectMetadata back = RecordCodec.decodeObject(RecordCodec.encode(rec)).metadata();
    assertThat(back.tags()).containsExactly(Map.entry("t", "1"));
    assertThat(back.attributes()).containsExactly(Map.entry("a", "first"), Map.entry("z", "last"));
  }

  /** Records written by the second format (tags, no attributes) still read. */
  @Test
  void version2ObjectRecordsStillDecode() {
    BinWriter w = new BinWriter().u8(RecordCodec.V2).varint(0).str("etag").i64(99);
    w.str(null).str(null).str(null).str(null).str(null).str(null).str(null);
    w.varint(0); // user metadata
    w.varint(1).str("tag").str("v"); // tags
    w.u8(0).varint(0);
    w.u8(0).raw(ChunkId.random().bytes());
    ObjectRecord r = RecordCodec.decodeObject(w.toByteArray());
    assertThat(r.metadata().tags()).containsEntry("tag", "v");
    assertThat(r.metadata().attributes()).isEmpty();
  }

  @Test
  void versionsAndMarkersRoundTrip() {
    VersionKey vk = VersionKey.next(VersionKey.nowMicros(java.time.Clock.systemUTC()), null);
    ObjectRecord rec =
        new ObjectRecord(
                3, "e", 1, ObjectMetadata.empty(), null, List.of(), ChunkId.random(), List.of())
            .withVersion(vk, vk.id());
    assertThat(RecordCodec.decodeObject(RecordCodec.encode(rec))).isEqualTo(rec);
    ObjectRecord marker = ObjectRecord.marker(5, vk, "null");
    ObjectRecord back = RecordCodec.decodeObject(RecordCodec.encode(marker));
    assertThat(back).isEqualTo(marker);
    assertThat(back.deleteMarker()).isTrue();
    assertThat(back.isNullVersion()).isTrue();
  }

  /** Records of the third format (attributes, no version) still read, without a version. */
  @Test
  void version3ObjectRecordsStillDecode() {
    BinWriter w = new BinWriter().u8(RecordCodec.V3).varint(0).str("etag").i64(99);
    w.str(null).str(null).str(null).str(null).str(null).str(null).str(null);
    w.varint(0).varint(0).varint(1).str("attr").str("v");
    w.u8(0).varint(0);
    w.u8(0).raw(ChunkId.random().bytes());
    ObjectRecord r = RecordCodec.decodeObject(w.toByteArray());
    assertThat(r.metadata().attributes()).containsEntry("attr", "v");
    assertThat(r.version()).isNull();
    assertThat(r.versionId()).isNull();
    assertThat(r.deleteMarker()).isFalse();
  }

  @Test
  void aChecksumWithoutItsValueRoundTripsAndARecordWithoutItsEtagIsCorrupt() {
    // Checksum.base64 may be null (an algorithm named without a value): it stays readable
    ObjectRecord valueless =
        new ObjectRecord(
            3,
            "etag",
            1,
            ObjectMetadata.empty(),
            new Checksum(ChecksumAlgorithm.CRC32, null, Checksum.Type.FULL_OBJECT),
            List.of(),
            null,
            List.of(new ChunkRef(ChunkId.random(), 3)));
    assertThat(RecordCodec.decodeObject(RecordCodec.encode(valueless))).isEqualTo(valueless);
    // every object record is written with an ETag: one without it does not decode
    ObjectRecord emptyEtag =
        new ObjectRecord(
            3,
            "",
            1,
            ObjectMetadata.empty(),
            null,
            List.of(),
            null,
            List.of(new ChunkRef(ChunkId.random(), 3)));
    byte[] noEtag = RecordCodec.encode(emptyEtag);
    assertThat(noEtag[2]).isEqualTo((byte) 1); // V4, size 3, then "" as varint(length + 1)
    noEtag[2] = 0; // null
    assertThatThrownBy(() -> RecordCodec.decodeObject(noEtag, "b/k"))
        .isInstanceOf(dev.dfs.store.StoreException.class)
        .hasMessageContaining("b/k");
  }

  @Test
  void bucketRecordsKeepTheirVersioningStateAndOldOnesReadUnversioned() {
    var b = new Records.BucketRecord(7, "eu", dev.dfs.store.VersioningState.SUSPENDED);
    assertThat(RecordCodec.decodeBucket(RecordCodec.encode(b))).isEqualTo(b);
    byte[] v1 = new BinWriter().u8(RecordCodec.V1).i64(7).str("eu").toByteArray();
    assertThat(RecordCodec.decodeBucket(v1).versioning())
        .isEqualTo(dev.dfs.store.VersioningState.UNVERSIONED);
  }

  @Test
  void versionKeysSortNewestFirstAndIdsRoundTrip() {
    VersionKey older = VersionKey.next(1_000, null);
    VersionKey newer = VersionKey.next(1_000, older); // same clock: still strictly newer
    assertThat(Arrays.compareUnsigned(newer.bytes(), older.bytes())).isNegative();
    assertThat(VersionKey.parseId(newer.id())).isEqualTo(newer);
    assertThat(newer.id()).matches("[0-9a-f]{32}");
    assertThat(VersionKey.parseId("null")).isNull();
  }
}
