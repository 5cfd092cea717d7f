package dev.dfs.store.gateway;

import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One listing page through ListObjectsV2 upstream. DFS pages by "start after this key or common
 * prefix" while S3 pages by opaque tokens, so: when {@code after} is a common prefix the upstream
 * starts after the largest possible key below it, and entries that still roll up into it (keys
 * after U+10FFFF) or sort at or before {@code after} are dropped; the upstream is asked again until
 * the page is full or the upstream has nothing more. Order is the upstream's (UTF-8 byte order on
 * S3). Stateless apart from the thread-safe client.
 */
final class GatewayLister {
  /** The largest code point: a common prefix's keys all sort before prefix + this. */
  private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

  private final S3Client client;

  GatewayLister(S3Client client) {
    this.client = client;
  }

  ListPage list(String dfsBucket, String upstreamBucket, ListQuery q) throws IOException {
    if (q.maxKeys() == 0) {
      // still answer NoSuchBucket for a missing bucket
      UpstreamErrors.call(
          StoreError.NO_SUCH_BUCKET, () -> client.headBucket(b -> b.bucket(upstreamBucket)));
      return new ListPage(List.of(), List.of(), false, null);
    }
    String after = q.after();
    boolean afterIsPrefix = after != null && isCommonPrefix(q, after);
    String startAfter = after == null ? null : afterIsPrefix ? after + MAX_CHAR : after;
    List<ObjectInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String token = null;
    String last = null;
    while (true) {
      ListObjectsV2Request.Builder req =
          ListObjectsV2Request.builder()
              .bucket(upstreamBucket)
              .prefix(q.prefix().isEmpty() ? null : q.prefix())
              .delimiter(q.delimiter())
              .maxKeys(Math.min(1000, q.maxKeys() + 1));
      if (token != null) req.continuationToken(token);
      else if (startAfter != null) req.startAfter(startAfter);
      ListObjectsV2Response r =
          UpstreamErrors.call(StoreError.NO_SUCH_BUCKET, () -> client.listObjectsV2(req.build()));
      List<Entry> entries = merge(r.contents(), r.commonPrefixes());
      for (Entry e : entries) {
        if (after != null && Utf8Order.compare(e.name(), after) <= 0 && !e.isObject()) continue;
        if (after != null
            && e.isObject()
            && (afterIsPrefix
                ? e.name().startsWith(after)
                : Utf8Order.compare(e.name(), after) <= 0)) {
          continue;
        }
        if (objects.size() + prefixes.size() == q.maxKeys()) {
          return new ListPage(objects, prefixes, true, last);
        }
        S3Object o = e.object(); // null for a common prefix
        if (o != null) objects.add(info(dfsBucket, o));
        else prefixes.add(e.name());
        last = e.name();
      }
      if (!Boolean.TRUE.equals(r.isTruncated()) || r.nextContinuationToken() == null) {
        return new ListPage(objects, prefixes, false, null);
      }
      token = r.nextContinuationToken();
    }
  }

  /** Whether {@code after} names a common prefix of this query rather than a key. */
  static boolean isCommonPrefix(ListQuery q, String after) {
    if (q.delimiter() == null || !after.startsWith(q.prefix())) return false;
    String rest = after.substring(q.prefix().length());
    int at = rest.indexOf(q.delimiter());
    return at >= 0 && at + q.delimiter().length() == rest.length();
  }

  private record Entry(String name, @Nullable S3Object object) {
    boolean isObject() {
      return object != null;
    }
  }

  /** Objects and common prefixes in one sequence, in the upstream's order (by name). */
  private static List<Entry> merge(List<S3Object> objects, List<CommonPrefix> prefixes) {
    List<Entry> out = new ArrayList<>(objects.size() + prefixes.size());
    int i = 0;
    int j = 0;
    while (i < objects.size() || j < prefixes.size()) {
      boolean takeObject =
          j >= prefixes.size()
              || i < objects.size()
                  && Utf8Order.compare(objects.get(i).key(), prefixes.get(j).prefix()) < 0;
      if (takeObject) {
        S3Object o = objects.get(i++);
        out.add(new Entry(o.key(), o));
      } else {
        out.add(new Entry(prefixes.get(j++).prefix(), null));
      }
    }
    return out;
  }

  private static ObjectInfo info(String dfsBucket, S3Object o) {
    ObjectMetadata m =
        new ObjectMetadata(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            SdkMapping.storageClass(o.storageClassAsString()));
    String etag = SdkMapping.etag(o.eTag());
    dev.dfs.store.Checksum checksum = null;
    if (!o.checksumAlgorithmAsStrings().isEmpty()) {
      dev.dfs.util.ChecksumAlgorithm a = SdkMapping.fromSdk(o.checksumAlgorithmAsStrings().get(0));
      if (a != null) {
        checksum =
            new dev.dfs.store.Checksum(
                a, null, SdkMapping.typeFromSdk(o.checksumTypeAsString(), etag));
      }
    }
    return new ObjectInfo(
        dfsBucket,
        o.key(),
        o.size() == null ? 0 : o.size(),
        etag,
        o.lastModified(),
        m,
        checksum,
        List.of(),
        null);
  }
}
