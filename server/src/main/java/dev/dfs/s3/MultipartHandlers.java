package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;

/** Placeholder: being written. */
final class MultipartHandlers {
  private final ObjectStore store;

  MultipartHandlers(ObjectStore store) {
    this.store = store;
  }

  void createUpload(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void uploadPart(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void uploadPartCopy(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void completeUpload(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void abortUpload(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void listParts(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void listUploads(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }
}
