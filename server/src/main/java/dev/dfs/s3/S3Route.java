package dev.dfs.s3;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One row of the S3 route table ({@link S3Routes}): where a request points (service, bucket or
 * key), the HTTP methods, the query condition, the {@link S3Operation} it resolves to and the
 * handler that answers it. Immutable.
 *
 * @param target what the request path addresses
 * @param methods the HTTP methods this row takes, upper case
 * @param when what the query (or the copy-source header) must carry
 * @param operation what the request resolves to
 * @param handler picks the method that answers the operation out of the wired handlers
 */
record S3Route(
    Target target,
    Set<String> methods,
    When when,
    S3Operation operation,
    Function<ResourceHandlers, Action> handler) {

  /** What the request path addresses. */
  enum Target {
    /** {@code /}: no bucket. */
    SERVICE,
    /** {@code /bucket}. */
    BUCKET,
    /** {@code /bucket/key}. */
    OBJECT,
    /** A bucket or a key (a CORS preflight may address either). */
    BUCKET_OR_OBJECT;

    boolean accepts(Target path) {
      return this == path || this == BUCKET_OR_OBJECT && path != SERVICE;
    }
  }

  /** The method of a handler class that answers one operation. */
  @FunctionalInterface
  interface Action {
    void handle(S3Exchange ex) throws IOException;
  }

  /**
   * What the router knows of a request when it walks the table.
   *
   * @param unsupported the first sub-resource in the query that DFS knows but does not serve, or
   *     null
   */
  record Input(Map<String, String> query, boolean copySource, @Nullable String unsupported) {}

  /**
   * A condition on the query. An exclusive one claims the request once it holds: when none of the
   * rows that share it takes the method, the answer is MethodNotAllowed (a {@code HEAD} of {@code
   * ?tagging} is not a HeadBucket). Conditions are equal when their text is.
   *
   * @param text how the condition reads in docs and test names, e.g. {@code ?tagging}
   */
  record When(String text, boolean exclusive, Predicate<Input> test) {
    boolean holds(Input in) {
      return test.test(in);
    }

    boolean sameAs(When other) {
      return text.equals(other.text);
    }
  }
}
