package dev.dfs.s3;

import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.PublicAccessBlock;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Get/Put/DeletePublicAccessBlock ({@code ?publicAccessBlock}) of a bucket, stored in the bucket
 * configuration document {@value AclDocuments#PUBLIC_ACCESS_BLOCK}. GET without one is 404
 * NoSuchPublicAccessBlockConfiguration; a bucket without one blocks nothing. Elements left out of a
 * PUT are false, as in S3.
 */
final class PublicAccessBlockHandlers implements BucketConfigHandler.Document<PublicAccessBlock> {
  @Override
  public String name() {
    return AclDocuments.PUBLIC_ACCESS_BLOCK;
  }

  @Override
  public S3ErrorCode notFound() {
    return S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION;
  }

  @Override
  public PublicAccessBlock fromXml(byte[] xml) {
    return parse(xml);
  }

  @Override
  public XmlOut toXml(PublicAccessBlock value) {
    return render(value);
  }

  @Override
  public String encode(PublicAccessBlock value) {
    return value.encode();
  }

  @Override
  public Optional<PublicAccessBlock> load(ObjectStore store, String bucket) throws IOException {
    return AclDocuments.storedPublicAccessBlock(store, bucket);
  }

  static XmlOut render(PublicAccessBlock p) {
    return XmlOut.document("PublicAccessBlockConfiguration")
        .element("BlockPublicAcls", p.blockPublicAcls())
        .element("IgnorePublicAcls", p.ignorePublicAcls())
        .element("BlockPublicPolicy", p.blockPublicPolicy())
        .element("RestrictPublicBuckets", p.restrictPublicBuckets());
  }

  /** A PublicAccessBlockConfiguration document; MalformedXML for anything but true/false. */
  static PublicAccessBlock parse(byte[] body) {
    XmlWalk walk = XmlWalk.open(body, "PublicAccessBlockConfiguration");
    boolean[] flags = new boolean[4];
    while (walk.nextChild()) {
      int i =
          switch (walk.name()) {
            case "BlockPublicAcls" -> 0;
            case "IgnorePublicAcls" -> 1;
            case "BlockPublicPolicy" -> 2;
            case "RestrictPublicBuckets" -> 3;
            default -> -1;
          };
      if (i < 0) {
        walk.skip();
        continue;
      }
      flags[i] = bool(walk.text());
    }
    walk.finish();
    return new PublicAccessBlock(flags[0], flags[1], flags[2], flags[3]);
  }

  private static boolean bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw XmlWalk.malformed();
    };
  }
}
