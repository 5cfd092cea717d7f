package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;

/** Placeholder: being written. */
final class ObjectReadHandlers {
  private final ObjectStore store;

  ObjectReadHandlers(ObjectStore store) {
    this.store = store;
  }

  void getObject(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void headObject(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }
}
