package dev.dfs.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Checks that an identity policy is a JSON object of reasonable size. Its meaning is the policy
 * evaluator's business; the store keeps the text verbatim.
 */
final class PolicyDocuments {
  /** Larger than IAM's inline limits, small enough to keep every user in memory. */
  static final int MAX_CHARS = 20 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyDocuments() {}

  /**
   * @return {@code document} unchanged, or null for null
   * @throws IdentityException INVALID when it is not a JSON object or too large
   */
  static @Nullable String check(@Nullable String document) {
    if (document == null) return null;
    if (document.length() > MAX_CHARS) {
      throw invalid("A policy document may have at most " + MAX_CHARS + " characters.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw invalid("The policy document is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject())
      throw invalid("The policy document must be a JSON object.");
    return document;
  }

  private static IdentityException invalid(String message) {
    return new IdentityException(IdentityException.Reason.INVALID, message);
  }
}
