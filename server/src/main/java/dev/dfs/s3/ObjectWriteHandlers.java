package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;

/** Placeholder: being written. */
final class ObjectWriteHandlers {
  private final ObjectStore store;

  ObjectWriteHandlers(ObjectStore store) {
    this.store = store;
  }

  void putObject(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void copyObject(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void deleteObject(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void deleteObjects(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }
}
