package dev.dfs.s3;

import dev.dfs.lifecycle.IntelligentTieringConfiguration;
import dev.dfs.lifecycle.IntelligentTieringSource;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Put/Get/List/DeleteBucketIntelligentTieringConfiguration ({@code ?intelligent-tiering}, with
 * {@code &id=} except for List). A bucket's configurations are kept together, sorted by id, in the
 * bucket configuration document {@value #DOCUMENT} (the generic bucket-config store; an engine
 * without it answers NotImplemented). PUT adds or replaces the configuration whose Id the query
 * names (the body's Id must be the same), up to {@value
 * IntelligentTieringConfiguration#MAX_PER_BUCKET} per bucket (400 TooManyConfigurations); GET and
 * DELETE of an id the bucket lacks answer 404 NoSuchConfiguration; List pages {@value #PAGE}
 * configurations with continuation tokens. Writes of one bucket's document are serialized in this
 * process. Thread-safe; also the worker's {@link IntelligentTieringSource}.
 */
final class IntelligentTieringHandlers implements IntelligentTieringSource {
  static final String DOCUMENT = "intelligent-tiering";
  static final int PAGE = 100;

  private final ObjectStore store;

  /**
   * Serializes writes of one bucket's document (locks, not monitors: no virtual thread pins on
   * I/O).
   */
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  IntelligentTieringHandlers(ObjectStore store) {
    this.store = store;
    for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
  }

  @Override
  public List<IntelligentTieringConfiguration> configurations(String bucket) throws IOException {
    Optional<String> doc = BucketConfig.find(store, bucket, DOCUMENT);
    return doc.isEmpty()
        ? List.of()
        : IntelligentTieringXml.parseStored(doc.get().getBytes(StandardCharsets.UTF_8));
  }

  private List<IntelligentTieringConfiguration> stored(String bucket) throws IOException {
    return EngineCapabilities.bucketConfig(store, DOCUMENT)
        .get(bucket)
        .map(d -> IntelligentTieringXml.parseStored(d.getBytes(StandardCharsets.UTF_8)))
        .orElse(List.of());
  }

  void get(S3Exchange ex) throws IOException {
    String id = requiredId(ex);
    IntelligentTieringConfiguration c =
        stored(ex.bucket()).stream()
            .filter(x -> x.id().equals(id))
            .findFirst()
            .orElseThrow(() -> noSuchConfiguration(ex));
    ex.sendXml(200, IntelligentTieringXml.render(c));
  }

  void list(S3Exchange ex) throws IOException {
    String token = ex.param("continuation-token");
    String after = token == null ? null : ContinuationTokens.decode(token, "continuation-token");
    List<IntelligentTieringConfiguration> all = stored(ex.bucket());
    List<IntelligentTieringConfiguration> page =
        all.stream()
            .filter(c -> after == null || c.id().compareTo(after) > 0)
            .limit(PAGE + 1L)
            .toList();
    String next = null;
    if (page.size() > PAGE) {
      page = page.subList(0, PAGE);
      next = ContinuationTokens.encode(page.get(PAGE - 1).id());
    }
    ex.sendXml(200, IntelligentTieringXml.renderList(page, token, next));
  }

  void put(S3Exchange ex) throws IOException {
    String id = requiredId(ex);
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    IntelligentTieringConfiguration c = IntelligentTieringXml.parse(body);
    if (!c.id().equals(id)) {
      throw S3Exception.invalidArgument(
          "The Id in the body must match the id parameter.", "id", id);
    }
    ReentrantLock lock = stripe(ex.bucket());
    lock.lock();
    try {
      List<IntelligentTieringConfiguration> all = new ArrayList<>(stored(ex.bucket()));
      all.removeIf(x -> x.id().equals(id));
      if (all.size() >= IntelligentTieringConfiguration.MAX_PER_BUCKET) {
        throw new S3Exception(
            S3ErrorCode.TOO_MANY_CONFIGURATIONS,
            "A bucket can have at most "
                + IntelligentTieringConfiguration.MAX_PER_BUCKET
                + " Intelligent-Tiering configurations.");
      }
      all.add(c);
      save(ex.bucket(), all);
    } finally {
      lock.unlock();
    }
    ex.sendEmpty(200);
  }

  void delete(S3Exchange ex) throws IOException {
    String id = requiredId(ex);
    ReentrantLock lock = stripe(ex.bucket());
    lock.lock();
    try {
      List<IntelligentTieringConfiguration> all = new ArrayList<>(stored(ex.bucket()));
      if (!all.removeIf(x -> x.id().equals(id))) throw noSuchConfiguration(ex);
      save(ex.bucket(), all);
    } finally {
      lock.unlock();
    }
    ex.sendEmpty(204);
  }

  private void save(String bucket, List<IntelligentTieringConfiguration> all) throws IOException {
    all.sort(Comparator.comparing(IntelligentTieringConfiguration::id));
    EngineCapabilities.bucketConfig(store, DOCUMENT)
        .put(
            bucket,
            all.isEmpty()
                ? null
                : new String(
                    IntelligentTieringXml.renderStored(all).toBytes(), StandardCharsets.UTF_8));
  }

  private ReentrantLock stripe(String bucket) {
    return stripes[Math.floorMod(bucket.hashCode(), stripes.length)];
  }

  private static String requiredId(S3Exchange ex) {
    String id = ex.param("id");
    if (id == null || id.isEmpty()) {
      throw S3Exception.invalidArgument("The id parameter is required.", "id", "");
    }
    IntelligentTieringXml.checkId(id);
    return id;
  }

  private static S3Exception noSuchConfiguration(S3Exchange ex) {
    return new S3Exception(S3ErrorCode.NO_SUCH_CONFIGURATION).with("BucketName", ex.bucket());
  }
}
