package dev.dfs.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The DeleteObjects documents: the {@code <Delete>} request and the {@code <DeleteResult>} answer.
 * Pure and thread-safe.
 */
final class DeleteObjectsXml {
  /** S3's limit on keys per DeleteObjects request. */
  static final int MAX_KEYS = 1000;

  private DeleteObjectsXml() {}

  /** One key to delete; {@code versionId} null when not given. */
  record Target(String key, @Nullable String versionId) {}

  record Request(boolean quiet, List<Target> objects) {
    Request {
      objects = List.copyOf(objects);
    }
  }

  /**
   * The outcome for one key: deleted when {@code code} is null, else the error.
   *
   * @param deleteMarkerVersionId when a delete marker was created or removed, its version id (null
   *     for none, or in an unversioned bucket)
   */
  record Result(
      String key,
      @Nullable String versionId,
      @Nullable String code,
      @Nullable String message,
      boolean deleteMarker,
      @Nullable String deleteMarkerVersionId) {
    static Result deleted(Target t) {
      return new Result(t.key(), t.versionId(), null, null, false, null);
    }

    static Result deleted(Target t, dev.dfs.store.DeleteResult r) {
      return new Result(
          t.key(),
          t.versionId(),
          null,
          null,
          r.deleteMarker(),
          r.deleteMarker() ? r.versionId() : null);
    }

    static Result failed(Target t, S3Exception e) {
      return new Result(t.key(), t.versionId(), e.code().code(), e.getMessage(), false, null);
    }

    boolean isDeleted() {
      return code == null;
    }
  }

  /** Parses a {@code <Delete>} document. MalformedXML when empty, invalid or over 1000 keys. */
  static Request parse(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "Delete");
    boolean quiet = false;
    List<Target> objects = new ArrayList<>();
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Quiet" -> quiet = bool(walk.text().trim());
        case "Object" -> {
          objects.add(target(walk));
          if (objects.size() > MAX_KEYS) throw XmlWalk.malformed();
        }
        default -> walk.skip();
      }
    }
    walk.finish();
    if (objects.isEmpty()) throw XmlWalk.malformed();
    return new Request(quiet, objects);
  }

  private static Target target(XmlWalk walk) {
    String key = null;
    String versionId = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Key" -> key = walk.text();
        case "VersionId" -> versionId = walk.text().trim();
        default -> walk.skip();
      }
    }
    if (key == null) throw XmlWalk.malformed();
    return new Target(key, versionId);
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw XmlWalk.malformed();
    };
  }

  /** {@code <DeleteResult>}: every result, or in quiet mode only the errors. */
  static XmlOut render(List<Result> results, boolean quiet) {
    XmlOut xml = XmlOut.document("DeleteResult");
    for (Result r : results) {
      if (r.isDeleted()) {
        if (quiet) continue;
        xml.start("Deleted").element("Key", r.key()).element("VersionId", r.versionId());
        if (r.deleteMarker()) {
          xml.element("DeleteMarker", true)
              .element("DeleteMarkerVersionId", r.deleteMarkerVersionId());
        }
        xml.end();
      } else {
        xml.start("Error")
            .element("Key", r.key())
            .element("VersionId", r.versionId())
            .element("Code", r.code())
            .element("Message", r.message())
            .end();
      }
    }
    return xml;
  }
}
