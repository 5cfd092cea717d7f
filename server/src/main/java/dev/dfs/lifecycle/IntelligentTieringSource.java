package dev.dfs.lifecycle;

import java.io.IOException;
import java.util.List;

/** Where the worker reads a bucket's Intelligent-Tiering configurations (the S3 layer's store). */
@FunctionalInterface
public interface IntelligentTieringSource {
  /** The bucket's configurations (empty when none); NO_SUCH_BUCKET, NOT_IMPLEMENTED. */
  List<IntelligentTieringConfiguration> configurations(String bucket) throws IOException;
}
