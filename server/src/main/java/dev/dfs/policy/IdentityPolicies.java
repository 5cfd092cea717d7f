package dev.dfs.policy;

import dev.dfs.authz.AccessRequest;
import dev.dfs.authz.Decision;
import dev.dfs.authz.GrantSource;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users' identity policies as a {@link GrantSource}: the calling user's policy document (looked
 * up through {@code documents}) is parsed once per distinct document text and evaluated against the
 * request. Anonymous callers and users without a policy get {@link Decision#NONE}. A stored
 * document that no longer parses denies (fail closed). Thread-safe.
 */
public final class IdentityPolicies implements GrantSource {
  /** Where a user's policy document comes from (the identity store). */
  @FunctionalInterface
  public interface Documents {
    /** The policy JSON of user {@code userId}, or empty. */
    Optional<String> of(String userId) throws IOException;
  }

  private static final int MAX_CACHED = 10_000;
  private final Documents documents;

  /** Parsed policies by document text: a changed document is simply a new entry. */
  private final ConcurrentHashMap<String, Optional<Policy>> parsed = new ConcurrentHashMap<>();

  public IdentityPolicies(Documents documents) {
    this.documents = documents;
  }

  @Override
  public Decision decide(AccessRequest request) throws IOException {
    if (request.principal().anonymous()) return Decision.NONE;
    Optional<String> doc = documents.of(request.principal().userId());
    if (doc.isEmpty()) return Decision.NONE;
    Optional<Policy> policy = parsed.get(doc.get());
    if (policy == null) {
      try {
        policy = Optional.of(PolicyParser.parseIdentityPolicy(doc.get()));
      } catch (MalformedPolicyException e) {
        policy = Optional.empty();
      }
      if (parsed.size() >= MAX_CACHED) parsed.clear();
      parsed.put(doc.get(), policy);
    }
    return policy.isEmpty() ? Decision.DENY : PolicyEvaluator.evaluate(policy.get(), request);
  }
}
