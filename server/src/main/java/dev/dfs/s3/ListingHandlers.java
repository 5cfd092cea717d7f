package dev.dfs.s3;

import dev.dfs.store.BucketInfo;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ListObjects (v1) and ListObjectsV2. Order is the store's (UTF-8 byte order of keys); a page holds
 * at most {@code max-keys} entries, objects and common prefixes together. Both answer with {@code
 * x-amz-bucket-region}, as S3 does. Thread-safe.
 */
final class ListingHandlers {
  private final ObjectStore store;

  ListingHandlers(ObjectStore store) {
    this.store = store;
  }

  /** GET /bucket: {@code marker} resumes after a key; NoSuchBucket. */
  void listObjects(S3Exchange ex) throws IOException {
    ListParams p = ListParams.parse(ex.s3());
    String marker = emptyToNull(ex.param("marker"));
    ListPage page = list(ex, p, marker);
    ex.sendXml(200, ListingXml.v1(ex.bucket(), p, marker, page, ex.principal().userId()));
  }

  /**
   * GET /bucket?list-type=2: a {@code continuation-token} (one this server issued) takes precedence
   * over {@code start-after}; both are echoed. Owners only with {@code fetch-owner=true}.
   * NoSuchBucket; InvalidArgument for a token not issued here.
   */
  void listObjectsV2(S3Exchange ex) throws IOException {
    ListParams p = ListParams.parse(ex.s3());
    String token = ex.param("continuation-token");
    String startAfter = emptyToNull(ex.param("start-after"));
    // An empty token asks for the first page (and is echoed), as S3 answers it.
    String after =
        token != null && !token.isEmpty()
            ? ContinuationTokens.decode(token, "continuation-token")
            : startAfter;
    ListPage page = list(ex, p, after);
    String owner =
        "true".equalsIgnoreCase(ex.param("fetch-owner")) ? ex.principal().userId() : null;
    ex.sendXml(200, ListingXml.v2(ex.bucket(), p, token, startAfter, page, owner));
  }

  /**
   * Looks the bucket up (for its region, and to answer NoSuchBucket even for max-keys=0) and reads
   * one page. For max-keys=0 S3 answers an empty page that is not truncated.
   */
  private ListPage list(S3Exchange ex, ListParams p, @Nullable String after) throws IOException {
    BucketInfo bucket =
        store
            .bucket(ex.bucket())
            .orElseThrow(
                () -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET).with("BucketName", ex.bucket()));
    ex.setHeader("x-amz-bucket-region", bucket.region());
    if (p.maxKeys() == 0) {
      return new ListPage(List.of(), List.of(), false, null);
    }
    return store.list(ex.bucket(), new ListQuery(p.prefix(), p.delimiter(), after, p.maxKeys()));
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
