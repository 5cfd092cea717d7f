package dev.dfs.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of ListMultipartUploads. The next markers are set when truncated. */
public record UploadsPage(
    List<UploadInfo> uploads,
    List<String> commonPrefixes,
    boolean truncated,
    @Nullable String nextKeyMarker,
    @Nullable String nextUploadIdMarker) {
  public UploadsPage {
    uploads = List.copyOf(uploads);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
