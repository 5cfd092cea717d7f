package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;

/** Placeholder: being written. */
final class ListingHandlers {
  private final ObjectStore store;

  ListingHandlers(ObjectStore store) {
    this.store = store;
  }

  void listObjects(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void listObjectsV2(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }
}
