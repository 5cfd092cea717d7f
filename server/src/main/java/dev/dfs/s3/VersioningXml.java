package dev.dfs.s3;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.VersionIds;
import dev.dfs.store.VersioningState;
import dev.dfs.store.VersionsPage;
import org.jspecify.annotations.Nullable;

/**
 * The versioning documents: {@code VersioningConfiguration} (request and answer) and {@code
 * ListVersionsResult}, in the element order S3 writes. Pure and thread-safe.
 */
final class VersioningXml {
  private VersioningXml() {}

  /** A parsed PutBucketVersioning body: the state asked for and whether MFA delete is on. */
  record Config(VersioningState state, boolean mfaDelete) {}

  /**
   * Parses {@code <VersioningConfiguration>}: {@code Status} Enabled or Suspended (required),
   * {@code MfaDelete} Enabled or Disabled. MalformedXML otherwise.
   */
  static Config parse(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "VersioningConfiguration");
    VersioningState state = null;
    Boolean mfa = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Status" ->
            state =
                switch (walk.text().trim()) {
                  case "Enabled" -> VersioningState.ENABLED;
                  case "Suspended" -> VersioningState.SUSPENDED;
                  default -> throw XmlWalk.malformed();
                };
        case "MfaDelete", "MFADelete" ->
            mfa =
                switch (walk.text().trim()) {
                  case "Enabled" -> true;
                  case "Disabled" -> false;
                  default -> throw XmlWalk.malformed();
                };
        default -> walk.skip();
      }
    }
    walk.finish();
    if (state == null) throw XmlWalk.malformed();
    return new Config(state, mfa != null && mfa);
  }

  /** GetBucketVersioning's answer: empty for a bucket never versioned. */
  static XmlOut render(VersioningState state) {
    XmlOut xml = XmlOut.document("VersioningConfiguration");
    switch (state) {
      case ENABLED -> xml.element("Status", "Enabled");
      case SUSPENDED -> xml.element("Status", "Suspended");
      case UNVERSIONED -> {}
    }
    return xml;
  }

  /** The request parameters of ListObjectVersions that are echoed. */
  record ListRequest(
      ListParams params, @Nullable String keyMarker, @Nullable String versionIdMarker) {}

  /** {@code ListVersionsResult}: versions and delete markers in order, then common prefixes. */
  static XmlOut listing(String bucket, ListRequest req, VersionsPage page, String ownerId) {
    ListParams p = req.params();
    XmlOut xml =
        XmlOut.document("ListVersionsResult")
            .element("Name", bucket)
            .element("Prefix", p.out(p.prefix()))
            .element("KeyMarker", req.keyMarker() == null ? "" : p.out(req.keyMarker()))
            .element("VersionIdMarker", req.versionIdMarker() == null ? "" : req.versionIdMarker());
    if (page.truncated()) {
      xml.element("NextKeyMarker", p.out(page.nextKeyMarker()))
          .element("NextVersionIdMarker", page.nextVersionIdMarker());
    }
    xml.element("MaxKeys", p.maxKeys()).element("Delimiter", p.out(p.delimiter()));
    if (p.urlEncoded()) xml.element("EncodingType", KeyEncoding.URL);
    xml.element("IsTruncated", page.truncated());
    for (ObjectVersion v : page.versions()) {
      ObjectInfo o = v.info();
      String id = o.versionId() == null ? VersionIds.NULL : o.versionId();
      if (o.deleteMarker()) {
        xml.start("DeleteMarker")
            .element("Key", p.out(o.key()))
            .element("VersionId", id)
            .element("IsLatest", v.latest())
            .element("LastModified", o.lastModified());
        ListingXml.owner(xml, ownerId).end();
        continue;
      }
      xml.start("Version")
          .element("Key", p.out(o.key()))
          .element("VersionId", id)
          .element("IsLatest", v.latest())
          .element("LastModified", o.lastModified())
          .element("ETag", ListingXml.quoted(o.etag()));
      if (o.checksum() != null) {
        xml.element("ChecksumAlgorithm", o.checksum().algorithm().wireName())
            .element("ChecksumType", o.checksum().type().name());
      }
      xml.element("Size", o.size()).element("StorageClass", o.metadata().effectiveStorageClass());
      ListingXml.owner(xml, ownerId).end();
    }
    for (String prefix : page.commonPrefixes()) {
      xml.start("CommonPrefixes").element("Prefix", p.out(prefix)).end();
    }
    return xml;
  }
}
