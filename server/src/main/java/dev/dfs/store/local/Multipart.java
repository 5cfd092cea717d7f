package dev.dfs.store.local;

import dev.dfs.store.ByteRange;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.WriteCondition;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.local.Records.PartRecord;
import dev.dfs.store.local.Records.UploadRecord;
import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.CrcCombine;
import dev.dfs.util.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Multipart uploads. An upload is a record in {@link Cf#UPLOADS}; each part is a chunk file plus a
 * record in {@link Cf#PARTS} (re-uploading a number replaces it and frees the old file after the
 * commit). Complete writes metadata only: the object's chunks are its parts' chunks, no bytes are
 * copied. Upload ids are 16 hex digits of a monotonic time stamp (so they sort by initiation)
 * followed by 22 random url-safe characters. Thread-safe.
 */
final class Multipart {
  static final int MAX_PART_NUMBER = 10_000;

  /** How many of a key's newest versions a retried completion looks through (bounds its cost). */
  static final int REMEMBERED_VERSIONS = 16;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST_STAMP = new AtomicLong();

  private final LocalStore store;
  private final Catalog catalog;
  private final MetaDb db;
  private final ChunkStorage writer;
  private final ChunkPins pins;
  private final KeyLocks locks;
  private final long minPartSize;
  private final java.time.Clock clock;

  Multipart(
      LocalStore store,
      Catalog catalog,
      ChunkStorage writer,
      ChunkPins pins,
      KeyLocks locks,
      long minPartSize,
      java.time.Clock clock) {
    this.clock = clock;
    this.store = store;
    this.catalog = catalog;
    this.db = catalog.db();
    this.writer = writer;
    this.pins = pins;
    this.locks = locks;
    this.minPartSize = minPartSize;
  }

  static String newUploadId() {
    long now = System.currentTimeMillis() << 12;
    long stamp = LAST_STAMP.updateAndGet(last -> Math.max(last + 1, now));
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return HexFormat.of().toHexDigits(stamp)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  UploadInfo create(
      String bucket,
      String key,
      ObjectMetadata md,
      @Nullable ChecksumAlgorithm alg,
      Checksum.@Nullable Type type)
      throws IOException {
    KeyCodec.objectKeyBytes(key);
    if (md == null) md = ObjectMetadata.empty();
    if (alg == null) {
      type = null;
    } else if (type == null) {
      type = Checksum.Type.COMPOSITE;
    } else if (type == Checksum.Type.FULL_OBJECT && CrcCombine.of(alg) == null) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT,
          "checksum type FULL_OBJECT needs a CRC algorithm, not " + alg);
    }
    String id = newUploadId();
    UploadRecord rec = new UploadRecord(clock.millis(), md, alg, type);
    try (KeyLocks.Held l = locks.key(bucket, key);
        Batch b = db.batch()) {
      catalog.requireBucket(bucket);
      db.commit(b.put(Cf.UPLOADS, KeyCodec.upload(bucket, key, id), RecordCodec.encode(rec)));
    }
    return UploadLister.info(bucket, key, id, rec);
  }

  Optional<UploadInfo> upload(String bucket, String key, String uploadId) throws IOException {
    UploadRecord u = find(bucket, key, uploadId);
    return u == null ? Optional.empty() : Optional.of(UploadLister.info(bucket, key, uploadId, u));
  }

  private @Nullable UploadRecord find(String bucket, String key, String uploadId)
      throws IOException {
    if (uploadId == null || uploadId.isEmpty() || key == null || key.isEmpty()) return null;
    byte[] v = db.get(Cf.UPLOADS, KeyCodec.upload(bucket, key, uploadId));
    return v == null ? null : RecordCodec.decodeUpload(v);
  }

  private UploadRecord require(String bucket, String key, String uploadId) throws IOException {
    UploadRecord u = find(bucket, key, uploadId);
    if (u == null) {
      catalog.requireBucket(bucket);
      throw new StoreException(StoreError.NO_SUCH_UPLOAD, "no such upload: " + uploadId);
    }
    return u;
  }

  PartInfo uploadPart(PartUploadRequest req, InputStream body) throws IOException {
    checkPartNumber(req.partNumber());
    UploadRecord u = require(req.bucket(), req.key(), req.uploadId());
    Staged.checkPart(u.metadata(), req.encryption());
    try (Staged d =
        Staged.write(writer, body, req.size(), u.checksumAlgorithm(), -1, req.encryption())) {
      LocalStore.checkDigests(
          d, req.expectedMd5(), u.checksumAlgorithm(), LocalStore.claimed(req.expectedChecksum()));
      return commitPart(req, u, d);
    }
  }

  PartInfo uploadPartCopy(
      PartUploadRequest req,
      String srcBucket,
      String srcKey,
      @Nullable String srcVersionId,
      @Nullable ByteRange range,
      dev.dfs.store.KeyResolver srcKeys)
      throws IOException {
    checkPartNumber(req.partNumber());
    UploadRecord u = require(req.bucket(), req.key(), req.uploadId());
    Staged.checkPart(u.metadata(), req.encryption());
    try (ObjectRead src =
            store.open(new dev.dfs.store.ReadRequest(srcBucket, srcKey, srcVersionId, srcKeys));
        InputStream in = src.stream(range)) {
      long length = range == null ? src.info().size() : range.length();
      try (Staged d =
          Staged.write(writer, in, length, u.checksumAlgorithm(), -1, req.encryption())) {
        return commitPart(req, u, d);
      }
    }
  }

  private static void checkPartNumber(int n) {
    if (n < 1 || n > MAX_PART_NUMBER) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT, "part number must be 1.." + MAX_PART_NUMBER);
    }
  }

  private PartInfo commitPart(PartUploadRequest req, UploadRecord u, Staged staged)
      throws IOException {
    StagedData d = staged.data();
    d.publish();
    PartRecord p =
        new PartRecord(
            staged.size(), staged.etagMd5(), clock.millis(), staged.checksum(), d.requireChunk());
    byte[] pkey = KeyCodec.part(req.uploadId(), req.partNumber());
    PartRecord old;
    try (KeyLocks.Held l = locks.key(req.bucket(), req.key());
        Batch b = db.batch()) {
      if (db.get(Cf.UPLOADS, KeyCodec.upload(req.bucket(), req.key(), req.uploadId())) == null) {
        throw new StoreException(
            StoreError.NO_SUCH_UPLOAD, "upload was completed or aborted meanwhile");
      }
      byte[] oldBytes = db.get(Cf.PARTS, pkey);
      old = oldBytes == null ? null : RecordCodec.decodePart(oldBytes);
      b.put(Cf.PARTS, pkey, RecordCodec.encode(p));
      b.put(Cf.CHUNK_REFS, p.chunk().bytes(), RecordCodec.chunkOwner(RecordCodec.OWNER_PART, pkey));
      if (old != null) b.delete(Cf.CHUNK_REFS, old.chunk().bytes());
      db.commit(b);
      d.markCommitted();
    }
    if (old != null) pins.free(old.chunk());
    return partInfo(req.partNumber(), p, u);
  }

  private static PartInfo partInfo(int number, PartRecord p, UploadRecord u) {
    Checksum ck =
        p.checksum() == null || u.checksumAlgorithm() == null
            ? null
            : new Checksum(
                u.checksumAlgorithm(), LocalStore.b64(p.checksum()), Checksum.Type.FULL_OBJECT);
    return new PartInfo(
        number, p.size(), Hex.encode(p.md5()), Instant.ofEpochMilli(p.lastModifiedMillis()), ck);
  }

  /** All parts of an upload by number, in ascending order. */
  private Map<Integer, PartRecord> parts(String uploadId) throws IOException {
    Map<Integer, PartRecord> out = new LinkedHashMap<>();
    try (MetaDb.Scan s = db.scanPrefix(Cf.PARTS, KeyCodec.partsPrefix(uploadId))) {
      for (; s.valid(); s.next())
        out.put(KeyCodec.partNumberOf(s.key()), RecordCodec.decodePart(s.value()));
    }
    return out;
  }

  ObjectInfo complete(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> named,
      WriteCondition condition)
      throws IOException {
    checkOrder(named);
    ObjectRecord rec;
    List<ChunkId> freed = new ArrayList<>();
    try (KeyLocks.Held l = locks.key(bucket, key)) {
      UploadRecord u = require(bucket, key, uploadId);
      if (!condition.isNone()) checkCondition(bucket, key, u, condition);
      Map<Integer, PartRecord> stored = parts(uploadId);
      List<PartRecord> chosen = chosen(named, stored);
      rec = objectRecord(u, uploadId, chosen);
      Set<Integer> numbers = new HashSet<>();
      for (CompletedPart c : named) numbers.add(c.partNumber());
      List<ChunkId> unnamed = new ArrayList<>();
      stored.forEach(
          (n, p) -> {
            if (!numbers.contains(n)) unnamed.add(p.chunk());
          });
      Catalog.Committed done =
          catalog.putVersion(
              bucket,
              key,
              rec,
              null,
              b -> {
                b.delete(Cf.UPLOADS, KeyCodec.upload(bucket, key, uploadId));
                for (int n : stored.keySet()) b.delete(Cf.PARTS, KeyCodec.part(uploadId, n));
                for (ChunkId c : unnamed) b.delete(Cf.CHUNK_REFS, c.bytes());
              });
      rec = done.record();
      freed.addAll(done.freed());
      freed.addAll(unnamed);
    }
    pins.freeAll(freed);
    return Records.info(bucket, key, rec);
  }

  /** Checks that a completion names parts, in strictly ascending order. */
  private static void checkOrder(List<CompletedPart> named) {
    if (named == null || named.isEmpty()) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT, "CompleteMultipartUpload names no parts");
    }
    for (int i = 1; i < named.size(); i++) {
      if (named.get(i).partNumber() <= named.get(i - 1).partNumber()) {
        throw new StoreException(
            StoreError.INVALID_PART_ORDER, "parts must be listed in ascending order");
      }
    }
  }

  /**
   * The stored parts a completion names, in its order: each must exist with the named ETag (and
   * checksum, when both have one), and each but the last must be at least the minimum size.
   */
  private List<PartRecord> chosen(List<CompletedPart> named, Map<Integer, PartRecord> stored) {
    List<PartRecord> chosen = new ArrayList<>(named.size());
    for (CompletedPart c : named) {
      PartRecord p = stored.get(c.partNumber());
      if (p == null || c.etag() == null || !Hex.encode(p.md5()).equals(normalizeEtag(c.etag()))) {
        throw new StoreException(
            StoreError.INVALID_PART, "part " + c.partNumber() + " not found or ETag differs");
      }
      if (c.checksum() != null
          && p.checksum() != null
          && !c.checksum().equals(LocalStore.b64(p.checksum()))) {
        throw new StoreException(
            StoreError.INVALID_PART, "part " + c.partNumber() + " checksum differs");
      }
      chosen.add(p);
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      if (chosen.get(i).size() < minPartSize) {
        throw new StoreException(
            StoreError.ENTITY_TOO_SMALL,
            "part " + named.get(i).partNumber() + " is smaller than " + minPartSize + " bytes");
      }
    }
    return chosen;
  }

  /**
   * Checks a completion's precondition under the key's lock. A failure caused by a write or delete
   * marker committed after the upload began is S3's 409 ConditionalRequestConflict (the client must
   * start a new upload); one against the state the upload began with is 412, or 404 NoSuchKey for
   * If-Match on a missing key. A delete in an unversioned bucket leaves no trace to date, so a key
   * deleted during the upload answers 404.
   */
  private void checkCondition(String bucket, String key, UploadRecord u, WriteCondition condition)
      throws IOException {
    ObjectRecord current = catalog.object(bucket, key);
    try {
      condition.check(current == null ? null : current.etag(), false);
    } catch (StoreException e) {
      List<ObjectRecord> newest = catalog.newest(bucket, key, 1);
      if (!newest.isEmpty() && newest.get(0).lastModifiedMillis() > u.initiatedMillis()) {
        throw new StoreException(
            StoreError.CONDITIONAL_CONFLICT,
            "The key was written or deleted while this multipart upload was in progress.");
      }
      throw e;
    }
  }

  private static String normalizeEtag(String etag) {
    String e = etag.trim();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\""))
      e = e.substring(1, e.length() - 1);
    return e.toLowerCase(Locale.ROOT);
  }

  /**
   * The version upload {@code uploadId} produced, found among the key's newest {@link
   * #REMEMBERED_VERSIONS} versions by the {@link ObjectAttributes#COMPLETED_UPLOAD} attribute it
   * carries, or empty. So a retried completion is remembered as long as its version exists and no
   * more than that many newer writes of the key followed it.
   */
  Optional<ObjectInfo> completed(String bucket, String key, String uploadId) throws IOException {
    if (uploadId == null || uploadId.isEmpty()) return Optional.empty();
    catalog.requireBucket(bucket);
    for (ObjectRecord r : catalog.newest(bucket, key, REMEMBERED_VERSIONS)) {
      if (!r.deleteMarker()
          && uploadId.equals(r.metadata().attribute(ObjectAttributes.COMPLETED_UPLOAD))) {
        return Optional.of(Records.info(bucket, key, r));
      }
    }
    return Optional.empty();
  }

  private ObjectRecord objectRecord(UploadRecord u, String uploadId, List<PartRecord> parts) {
    MessageDigest md5 = ChunkWriter.md5();
    long size = 0;
    List<Long> sizes = new ArrayList<>(parts.size());
    List<ChunkRef> chunks = new ArrayList<>(parts.size());
    boolean encrypted = Staged.encrypted(u.metadata());
    for (PartRecord p : parts) {
      md5.update(p.md5());
      size += p.size();
      sizes.add(p.size());
      chunks.add(new ChunkRef(p.chunk(), Staged.storedLength(p.size(), encrypted)));
    }
    String etag = Hex.encode(md5.digest()) + "-" + parts.size();
    Map<String, String> attributes = new java.util.TreeMap<>(u.metadata().attributes());
    attributes.put(ObjectAttributes.COMPLETED_UPLOAD, uploadId);
    Checksum checksum = checksum(u, parts);
    if (checksum != null) attributes.put(ObjectAttributes.PART_CHECKSUMS, partChecksums(parts));
    return new ObjectRecord(
        size,
        etag,
        clock.millis(),
        u.metadata().withAttributes(attributes),
        checksum,
        sizes,
        null,
        chunks);
  }

  /**
   * The parts' checksums for {@link ObjectAttributes#PART_CHECKSUMS}; each part has one (else
   * {@link #checksum} found none to combine and this is not asked).
   */
  private static String partChecksums(List<PartRecord> parts) {
    StringBuilder out = new StringBuilder();
    for (PartRecord p : parts) {
      byte[] c = p.checksum();
      if (c == null) throw new IllegalStateException("part " + p.chunk() + " has no checksum");
      if (!out.isEmpty()) out.append(',');
      out.append(LocalStore.b64(c));
    }
    return out.toString();
  }

  /**
   * COMPOSITE: the algorithm over the concatenated raw part checksums, suffixed {@code -N}.
   * FULL_OBJECT: the parts' CRCs combined into the CRC of the whole object.
   */
  private static @Nullable Checksum checksum(UploadRecord u, List<PartRecord> parts) {
    ChecksumAlgorithm alg = u.checksumAlgorithm();
    if (alg == null) return null;
    List<byte[]> checksums = new ArrayList<>(parts.size());
    List<Long> sizes = new ArrayList<>(parts.size());
    for (PartRecord p : parts) {
      if (p.checksum() == null) return null;
      checksums.add(p.checksum());
      sizes.add(p.size());
    }
    return dev.dfs.store.MultipartChecksums.combine(alg, u.checksumType(), checksums, sizes);
  }

  void abort(String bucket, String key, String uploadId) throws IOException {
    List<ChunkId> freed = new ArrayList<>();
    try (KeyLocks.Held l = locks.key(bucket, key);
        Batch b = db.batch()) {
      require(bucket, key, uploadId);
      b.delete(Cf.UPLOADS, KeyCodec.upload(bucket, key, uploadId));
      for (Map.Entry<Integer, PartRecord> e : parts(uploadId).entrySet()) {
        b.delete(Cf.PARTS, KeyCodec.part(uploadId, e.getKey()));
        b.delete(Cf.CHUNK_REFS, e.getValue().chunk().bytes());
        freed.add(e.getValue().chunk());
      }
      db.commit(b);
    }
    pins.freeAll(freed);
  }

  /**
   * Adds to {@code b} the removal of every open upload of {@code bucket} with its parts and their
   * chunk references, for DeleteBucket (which holds the exclusive bucket lock, so no part commits
   * meanwhile); returns the chunks to free once {@code b} is committed.
   */
  List<ChunkId> dropAllUploads(Batch b, String bucket) throws IOException {
    List<ChunkId> freed = new ArrayList<>();
    try (MetaDb.Scan s = db.scanPrefix(Cf.UPLOADS, KeyCodec.bucketPrefix(bucket))) {
      for (; s.valid(); s.next()) {
        byte[] k = s.key();
        int sep = k.length - 1;
        while (sep >= 0 && k[sep] != 0) sep--; // the upload id follows the key's last separator
        String uploadId = KeyCodec.string(k, sep + 1, k.length);
        for (Map.Entry<Integer, PartRecord> e : parts(uploadId).entrySet()) {
          b.delete(Cf.PARTS, KeyCodec.part(uploadId, e.getKey()));
          b.delete(Cf.CHUNK_REFS, e.getValue().chunk().bytes());
          freed.add(e.getValue().chunk());
        }
        b.delete(Cf.UPLOADS, k);
      }
    }
    return freed;
  }

  PartsPage listParts(String bucket, String key, String uploadId, int marker, int maxParts)
      throws IOException {
    UploadRecord u = require(bucket, key, uploadId);
    UploadInfo info = UploadLister.info(bucket, key, uploadId, u);
    int max = Math.min(Math.max(maxParts, 0), 1000);
    List<PartInfo> out = new ArrayList<>();
    boolean truncated = false;
    if (max > 0) {
      try (MetaDb.Scan s = db.scanPrefix(Cf.PARTS, KeyCodec.partsPrefix(uploadId))) {
        s.seek(KeyCodec.part(uploadId, Math.max(marker, 0) + 1));
        for (; s.valid(); s.next()) {
          if (out.size() == max) {
            truncated = true;
            break;
          }
          out.add(partInfo(KeyCodec.partNumberOf(s.key()), RecordCodec.decodePart(s.value()), u));
        }
      }
    }
    int next = out.isEmpty() ? 0 : out.get(out.size() - 1).partNumber();
    return new PartsPage(info, out, truncated, next);
  }
}
