package dev.dfs.store.local;

import dev.dfs.store.ByteRange;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.UploadInfo;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Multipart uploads (not implemented yet in this cut). */
final class Multipart {
  Multipart(LocalStore store, Catalog catalog, ChunkWriter writer, ChunkPins pins, KeyLocks locks, long minPartSize) {}

  private static UnsupportedOperationException todo() {
    return new UnsupportedOperationException("multipart uploads are not implemented yet");
  }

  UploadInfo create(String bucket, String key, ObjectMetadata md, ChecksumAlgorithm alg, Checksum.Type type) throws IOException {
    throw todo();
  }

  PartInfo uploadPart(PartUploadRequest req, InputStream body) throws IOException {
    throw todo();
  }

  PartInfo uploadPartCopy(PartUploadRequest req, String srcBucket, String srcKey, ByteRange range) throws IOException {
    throw todo();
  }

  ObjectInfo complete(String bucket, String key, String uploadId, List<CompletedPart> parts) throws IOException {
    throw todo();
  }

  void abort(String bucket, String key, String uploadId) throws IOException {
    throw todo();
  }

  Optional<UploadInfo> upload(String bucket, String key, String uploadId) throws IOException {
    throw todo();
  }

  PartsPage listParts(String bucket, String key, String uploadId, int marker, int max) throws IOException {
    throw todo();
  }
}
